import { AppError } from '../../../platform/http/app-error.js';
import { OpenImmoParseError, readOpenImmoXml } from '../../crm/openimmo/openimmo-reader.js';
import type { ImportField } from '../domain/import-row.js';

export interface FeedRows {
  columns: string[];
  records: Record<string, string>[];
  mapping: Partial<Record<ImportField, string>>;
  /** What each row is called in error messages: the listing's place in the feed and its number. */
  labels: string[];
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
  const listed = feed.listings.filter((l) => l.action !== 'DELETE');
  // Columns named after the fields themselves, so the mapping is the identity.
  const records = listed.map(
    ({ input: i }): Partial<Record<ImportField, string>> => ({
      externalRef: str(i.externalId),
      marketingType: str(i.marketingType),
      objectType: str(i.objectType),
      postalCode: str(i.postalCode),
      city: str(i.city),
      district: str(i.district),
      latitude: de(i.latitude),
      longitude: de(i.longitude),
      livingArea: de(i.livingArea),
      rooms: de(i.rooms),
      yearBuilt: typeof i.yearBuilt === 'number' ? String(i.yearBuilt) : '',
      condition: str(i.condition),
      floor: typeof i.floor === 'number' ? String(i.floor) : '',
      price: de(i.marketingType === 'miete' ? i.coldRent : i.purchasePrice),
    }),
  );
  const fields = Object.keys(records[0] ?? {}) as ImportField[];
  const labels = listed.map(
    (l) => `Immobilie ${l.position}${l.externalId ? ` (Objektnummer ${l.externalId})` : ''}`,
  );
  return {
    columns: fields,
    records: records as Record<string, string>[],
    mapping: Object.fromEntries(fields.map((f) => [f, f])),
    labels,
  };
}
