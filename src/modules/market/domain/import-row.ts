import { CONDITIONS, OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import type { Observation } from './observation.js';

/**
 * One spreadsheet row of market prices, read the way German offices write them: "1.234,50",
 * "14.03.2025", "Wohnung", "ja". Every problem of the row is reported at once, in words.
 */
export const IMPORT_FIELDS = [
  'priceKind',
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
  'lakeView',
  'shoreDistanceM',
  'price',
  'observedOn',
  'externalRef',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  priceKind: 'Preisart',
  marketingType: 'Vermarktungsart',
  objectType: 'Objektart',
  postalCode: 'PLZ',
  city: 'Ort',
  district: 'Ortsteil',
  latitude: 'Breitengrad',
  longitude: 'Längengrad',
  livingArea: 'Wohnfläche',
  rooms: 'Zimmer',
  yearBuilt: 'Baujahr',
  condition: 'Zustand',
  floor: 'Etage',
  lakeView: 'Seeblick',
  shoreDistanceM: 'Uferentfernung (m)',
  price: 'Preis',
  observedOn: 'Datum',
  externalRef: 'Referenz',
};

const REQUIRED: readonly ImportField[] = [
  'marketingType',
  'objectType',
  'postalCode',
  'city',
  'livingArea',
  'price',
  'observedOn',
];

/** Header spellings seen in portal exports, Gutachterausschuss lists and office spreadsheets. */
const HEADER_HINTS: Record<ImportField, readonly string[]> = {
  priceKind: ['preisart', 'pricekind', 'art des preises', 'angebot/verkauf'],
  marketingType: ['vermarktungsart', 'vermarktung', 'marketingtype', 'kauf/miete'],
  objectType: ['objektart', 'objecttype', 'immobilienart', 'typ'],
  postalCode: ['plz', 'postleitzahl', 'postalcode', 'zip'],
  city: ['ort', 'stadt', 'gemeinde', 'city'],
  district: ['ortsteil', 'stadtteil', 'district'],
  latitude: ['breitengrad', 'lat', 'latitude', 'breite'],
  longitude: ['längengrad', 'laengengrad', 'lon', 'lng', 'longitude', 'länge'],
  livingArea: ['wohnfläche', 'wohnflaeche', 'wohnfläche m²', 'livingarea', 'fläche', 'm²'],
  rooms: ['zimmer', 'zimmeranzahl', 'rooms'],
  yearBuilt: ['baujahr', 'yearbuilt'],
  condition: ['zustand', 'condition'],
  floor: ['etage', 'geschoss', 'floor'],
  lakeView: ['seeblick', 'lakeview'],
  shoreDistanceM: ['uferentfernung', 'entfernung ufer', 'ufer m', 'shoredistance'],
  price: ['preis', 'kaufpreis', 'kaltmiete', 'price', 'preis €', 'preis eur'],
  observedOn: ['datum', 'verkaufsdatum', 'stichtag', 'date', 'observedon', 'vertragsdatum'],
  externalRef: ['referenz', 'objektnummer', 'id', 'externalref'],
};

const normalise = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Field → column, for every field whose column a header names; the broker may change it. */
export function guessMapping(columns: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const hints = HEADER_HINTS[field];
    const column = columns.find((c) => !taken.has(c) && hints.includes(normalise(c)));
    if (column) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return mapping;
}

/** "1.234,56" and "1234.56" both read as 1234.56; "1.234" (German thousands) as 1234. */
export function parseGermanNumber(raw: string): number | null {
  const s = raw.replace(/[€%\s]|m²|qm|EUR/gi, '');
  if (s === '') return null;
  let normalised: string;
  if (s.includes(',')) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) normalised = s.replace(/\./g, '');
  else normalised = s;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** "14.03.2025" or "2025-03-14"; impossible days (31.02.) are refused. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
  m = /^\d{4}-\d{2}-\d{2}$/.exec(iso);
  if (!m) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x', 'wahr']);
const NO = new Set(['nein', 'n', 'no', 'false', '0', '', 'falsch', '-']);
const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s/-]+/g, '_');

export type ImportedObservation = Omit<Observation, 'id'> & {
  district: string | null;
  externalRef: string | null;
};

export interface RowResult {
  observation: ImportedObservation | null;
  errors: string[];
}

/**
 * Reads one row through the mapping. `defaultPriceKind` applies when no column gives the price
 * kind (a competitor feed holds asking prices, a transaction list sales).
 */
export function readRow(
  record: Record<string, string>,
  mapping: Partial<Record<ImportField, string>>,
  defaultPriceKind: Observation['priceKind'],
  today: string,
  /** The day rows without a date of their own were seen (a feed snapshot's day). */
  defaultDay: string | null = null,
): RowResult {
  const errors: string[] = [];
  const raw = (f: ImportField) => {
    const column = mapping[f];
    return column === undefined ? '' : (record[column] ?? '').trim();
  };
  for (const f of REQUIRED)
    if (raw(f) === '' && !(f === 'observedOn' && defaultDay)) errors.push(`${IMPORT_FIELD_LABELS[f]} fehlt.`);
  const number = (f: ImportField, min: number, max: number): number | null => {
    const v = raw(f);
    if (v === '') return null;
    const n = parseGermanNumber(v);
    if (n === null) {
      errors.push(`${IMPORT_FIELD_LABELS[f]} „${v}“ ist keine Zahl.`);
      return null;
    }
    if (n < min || n > max) {
      errors.push(
        `${IMPORT_FIELD_LABELS[f]} ${v} liegt außerhalb von ${min.toLocaleString('de-DE')} bis ${max.toLocaleString('de-DE')}.`,
      );
      return null;
    }
    return n;
  };

  let priceKind = defaultPriceKind;
  const kind = fold(raw('priceKind'));
  if (kind) {
    if (['angebot', 'angebotspreis', 'asking', 'inserat'].includes(kind)) priceKind = 'angebot';
    else if (
      [
        'verkauf',
        'verkaufspreis',
        'kaufpreis',
        'kaufvertrag',
        'transaktion',
        'sale',
        'vermietet',
        'abschluss',
      ].includes(kind)
    )
      priceKind = 'verkauf';
    else errors.push(`Preisart „${raw('priceKind')}“ unbekannt (Angebot oder Verkauf).`);
  }
  const mt = fold(raw('marketingType'));
  const marketingType = mt === 'kauf' || mt === 'miete' ? mt : null;
  if (mt && !marketingType)
    errors.push(`Vermarktungsart „${raw('marketingType')}“ unbekannt (Kauf oder Miete).`);
  const ot = fold(raw('objectType'));
  const objectType = (OBJECT_TYPES as readonly string[]).includes(ot) ? ot : null;
  if (ot && !objectType) errors.push(`Objektart „${raw('objectType')}“ unbekannt (z. B. Wohnung, Haus).`);
  const postalCode = raw('postalCode');
  if (postalCode && !/^\d{5}$/.test(postalCode)) errors.push(`PLZ „${postalCode}“ hat nicht 5 Ziffern.`);
  const cond = fold(raw('condition'));
  const condition = cond === '' ? null : (CONDITIONS as readonly string[]).includes(cond) ? cond : undefined;
  if (condition === undefined) errors.push(`Zustand „${raw('condition')}“ unbekannt.`);
  const lv = raw('lakeView').toLowerCase();
  const lakeView = YES.has(lv) ? true : NO.has(lv) ? false : null;
  if (lakeView === null) errors.push(`Seeblick „${raw('lakeView')}“ – bitte ja oder nein.`);
  const livingArea = number('livingArea', 0.01, 20_000);
  const price = number('price', 0.01, 1e11);
  const observedOn = raw('observedOn') ? parseDay(raw('observedOn')) : defaultDay;
  if (raw('observedOn') && observedOn === null)
    errors.push(`Datum „${raw('observedOn')}“ ist kein gültiger Tag (TT.MM.JJJJ).`);
  if (observedOn && observedOn > today) errors.push(`Datum ${raw('observedOn')} liegt in der Zukunft.`);
  const latitude = number('latitude', -90, 90);
  const longitude = number('longitude', -180, 180);
  if ((raw('latitude') === '') !== (raw('longitude') === ''))
    errors.push('Breiten- und Längengrad nur zusammen angeben.');
  const rooms = number('rooms', 0.5, 100);
  const yearBuilt = number('yearBuilt', 1500, Number(today.slice(0, 4)) + 5);
  const floor = number('floor', -2, 100);
  const shore = number('shoreDistanceM', 0, 200_000);

  if (errors.length || !marketingType || !objectType || livingArea === null || price === null || !observedOn)
    return { observation: null, errors };
  return {
    observation: {
      priceKind,
      marketingType,
      objectType,
      city: raw('city'),
      postalCode,
      district: raw('district') || null,
      latitude,
      longitude,
      livingArea,
      rooms,
      yearBuilt: yearBuilt === null ? null : Math.round(yearBuilt),
      condition: condition ?? null,
      floor: floor === null ? null : Math.round(floor),
      lakeView: lakeView ?? false,
      shoreDistanceM: shore === null ? null : Math.round(shore),
      priceCents: Math.round(price * 100),
      observedOn,
      externalRef: raw('externalRef') || null,
    },
    errors: [],
  };
}
