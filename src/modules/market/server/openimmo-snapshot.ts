import { AppError } from '../../../platform/http/app-error.js';
import { OpenImmoParseError, readOpenImmoXml } from '../../crm/openimmo/openimmo-reader.js';
import { IMPORT_FIELD_LABELS, type ImportField } from '../domain/import-row.js';

export interface FeedRows {
  columns: string[];
  records: Record<string, string>[];
  /** What each row is called in error messages: the listing's place in the feed and its number. */
  labels: string[];
  notes: string[];
}

/** German decimal comma, so "72,3" is never taken for a thousands separator by the row reader. */
const de = (v: unknown): string => (typeof v === 'number' ? String(v).replace('.', ',') : '');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A competitor's OpenImmo export as rows for the price reader. Only a complete transfer is a
 * snapshot: a partial one (umfang="TEIL") lists changes only, and every listing it leaves out
 * would be taken as withdrawn. Listings the feed marks for deletion are simply not in the state.
 */
export function openImmoFeedRows(xml: string): FeedRows {
  let feed: ReturnType<typeof readOpenImmoXml>;
  try {
    feed = readOpenImmoXml(xml);
  } catch (error) {
    if (error instanceof OpenImmoParseError)
      throw new AppError(422, 'openimmo_invalid', error.message, { field: 'openimmo' });
    throw error;
  }
  if (feed.scope?.toUpperCase() === 'TEIL')
    throw new AppError(
      422,
      'openimmo_partial',
      'Die Datei ist eine Teilübertragung (umfang="TEIL") mit nur den Änderungen. Als Stand lässt sich nur eine vollständige Übertragung übernehmen – bitte den Gesamtbestand exportieren.',
      { field: 'openimmo' },
    );
  const col = (f: ImportField) => IMPORT_FIELD_LABELS[f];
  const columns = (
    [
      'externalRef',
      'marketingType',
      'objectType',
      'postalCode',
      'city',
      'district',
      'latitude',
      'longitude',
      'livingArea',
      'rooms',
      'yearBuilt',
      'condition',
      'floor',
      'price',
    ] as const
  ).map(col);
  const listed = feed.listings.filter((l) => l.action !== 'DELETE');
  const deleted = feed.listings.length - listed.length;
  const records = listed.map(({ input: i }) => ({
    [col('externalRef')]: str(i.externalId),
    [col('marketingType')]: str(i.marketingType),
    [col('objectType')]: str(i.objectType),
    [col('postalCode')]: str(i.postalCode),
    [col('city')]: str(i.city),
    [col('district')]: str(i.district),
    [col('latitude')]: de(i.latitude),
    [col('longitude')]: de(i.longitude),
    [col('livingArea')]: de(i.livingArea),
    [col('rooms')]: de(i.rooms),
    [col('yearBuilt')]: typeof i.yearBuilt === 'number' ? String(i.yearBuilt) : '',
    [col('condition')]: str(i.condition),
    [col('floor')]: typeof i.floor === 'number' ? String(i.floor) : '',
    [col('price')]: de(i.marketingType === 'miete' ? i.coldRent : i.purchasePrice),
  }));
  const labels = listed.map(
    (l) => `Immobilie ${l.position}${l.externalId ? ` (Objektnummer ${l.externalId})` : ''}`,
  );
  const notes = [`OpenImmo${feed.version ? ` ${feed.version}` : ''}: ${listed.length} Angebote gelesen.`];
  if (deleted > 0) notes.push(`${deleted} zum Löschen markierte Angebote gehören nicht zum Stand.`);
  return { columns, records, labels, notes };
}
