import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OBJECT_TYPES, type ObjectType } from '../domain/property-enums.js';
import {
  CARRIER_FROM_OPENIMMO,
  CONDITION_FROM_OPENIMMO,
  FEDERAL_STATE_CODES,
  SUBTYPE_ATTRIBUTE,
  SUBTYPE_FROM_OPENIMMO,
} from './openimmo-maps.js';

export interface ImportedAttachment {
  path: string;
  location: string;
  group: string;
  title: string;
}

export interface ImportedListing {
  /** 1-based position in the feed, for messages. */
  position: number;
  externalId: string | null;
  action: 'NEW' | 'CHANGE' | 'DELETE';
  /** Fields in the shape of the create-property API body; validated by the caller. */
  input: Record<string, unknown>;
  attachments: ImportedAttachment[];
  warnings: string[];
}

export interface ImportedFeed {
  version: string | null;
  scope: string | null;
  listings: ImportedListing[];
}

export class OpenImmoParseError extends Error {}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['anbieter', 'immobilie', 'anhang', 'energiepass'].includes(name),
});

const node = (value: unknown): Node | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
const child = (parent: Node | undefined, name: string): Node | undefined => node(parent?.[name]);

/** Text of an element, whether written plainly, as CDATA, or with attributes (`#text`). */
function text(parent: Node | undefined, name: string): string | null {
  const v = parent?.[name];
  const raw =
    typeof v === 'string' || typeof v === 'number'
      ? String(v)
      : typeof node(v)?.['#text'] === 'string'
        ? String(node(v)?.['#text'])
        : null;
  if (raw === null) return null;
  // Portal exports put HTML line breaks into CDATA; the broker wants plain paragraphs.
  const cleaned = raw
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|b|strong|i|em|ul|li|span)[^>]*>/gi, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/** Numbers as portals write them: "549000.00", "549.000,00" or "85,5". */
function number(parent: Node | undefined, name: string): number | null {
  const t = text(parent, name);
  if (t === null) return null;
  const normalised = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  const n = Number(normalised.replace(/[^\d.-]/g, ''));
  return Number.isFinite(n) ? n : null;
}

const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
const attr = (n: Node | undefined, name: string) => (n?.[`@_${name}`] as string | undefined) ?? undefined;
const bool = (parent: Node | undefined, name: string) => {
  const t = text(parent, name);
  return t !== null && truthy(t.toLowerCase());
};

function objectType(
  kat: Node | undefined,
  warnings: string[],
  hasRooms: boolean,
): { type: ObjectType; subtype: string | null } {
  const art = child(kat, 'objektart');
  const found = OBJECT_TYPES.find((t) => art && t in art);
  if (found) {
    const raw = attr(child(art, found), SUBTYPE_ATTRIBUTE[found]);
    const subtype = raw ? (SUBTYPE_FROM_OPENIMMO[found][raw] ?? null) : null;
    if (raw && !subtype) warnings.push(`Unterart ${raw} ist nicht bekannt und wurde weggelassen.`);
    return { type: found, subtype };
  }
  if (art && 'zimmer' in art) return { type: 'wohnung', subtype: null };
  const guess: ObjectType = hasRooms ? 'wohnung' : 'sonstige';
  warnings.push(`Keine Objektart angegeben – als „${guess}“ übernommen.`);
  return { type: guess, subtype: null };
}

function features(immo: Node): string[] {
  const aus = child(immo, 'ausstattung');
  const fl = child(immo, 'flaechen');
  const verw = child(immo, 'verwaltung_objekt');
  const blick = attr(child(child(immo, 'infrastruktur'), 'ausblick'), 'blick');
  const stell = child(aus, 'stellplatzart');
  const list: [string, boolean][] = [
    ['balkon', (number(fl, 'anzahl_balkone') ?? 0) > 0],
    ['terrasse', (number(fl, 'anzahl_terrassen') ?? 0) > 0],
    ['garten', bool(aus, 'gartennutzung')],
    ['aufzug', truthy(attr(child(aus, 'fahrstuhl'), 'PERSONEN'))],
    ['garage', truthy(attr(stell, 'GARAGE')) || truthy(attr(stell, 'TIEFGARAGE'))],
    ['stellplatz', truthy(attr(stell, 'FREIPLATZ')) || truthy(attr(stell, 'CARPORT'))],
    ['keller', ['JA', 'TEIL'].includes(attr(child(aus, 'unterkellert'), 'keller') ?? '')],
    ['einbaukueche', truthy(attr(child(aus, 'kueche'), 'EBK'))],
    ['barrierefrei', bool(aus, 'barrierefrei') || bool(aus, 'rollstuhlgerecht')],
    ['gaeste_wc', bool(aus, 'gaestewc')],
    ['kamin', bool(aus, 'kamin')],
    ['klimaanlage', bool(aus, 'klimatisiert')],
    ['fussbodenheizung', truthy(attr(child(aus, 'heizungsart'), 'FUSSBODEN'))],
    ['seeblick', blick === 'SEE' || blick === 'MEER'],
    ['bergblick', blick === 'BERGE'],
    ['denkmalschutz', bool(verw, 'denkmalgeschuetzt')],
    ['haustiere_erlaubt', bool(verw, 'haustiere')],
    ['moebliert', ['VOLL', 'TEIL'].includes(attr(child(aus, 'moebliert'), 'moeb') ?? '')],
  ];
  return list.filter(([, on]) => on).map(([name]) => name);
}

/** "2034-02-28", "28.02.2034" or the month form "02-2034" some feeds use. */
function isoDate(value: string | null): string | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{2})-(\d{4})$/.exec(value);
  if (m) {
    const lastDay = new Date(Date.UTC(Number(m[2]), Number(m[1]), 0)).getUTCDate();
    return `${m[2]}-${m[1]}-${String(lastDay).padStart(2, '0')}`;
  }
  return null;
}

function energy(zustand: Node | undefined, warnings: string[]): Record<string, unknown> {
  const passes =
    (zustand?.energiepass as unknown[] | undefined)?.map(node).filter((n): n is Node => Boolean(n)) ?? [];
  const pass = passes.find((p) => text(p, 'epart')) ?? passes[0];
  if (!pass) return {};
  const epart = text(pass, 'epart')?.toUpperCase();
  if (!epart || epart === 'OHNE') return {};
  const consumption = epart === 'VERBRAUCH';
  const carrierRaw = text(pass, 'primaerenergietraeger')?.toUpperCase() ?? null;
  const carrier = carrierRaw ? (CARRIER_FROM_OPENIMMO[carrierRaw] ?? null) : null;
  if (carrierRaw && !carrier) warnings.push(`Energieträger ${carrierRaw} ist nicht bekannt.`);
  const cls = text(pass, 'wertklasse')?.toUpperCase() ?? null;
  const year = number(pass, 'baujahr');
  return {
    energyCertificateType: consumption ? 'verbrauch' : 'bedarf',
    energyValue: consumption
      ? (number(pass, 'energieverbrauchkennwert') ?? number(pass, 'endenergieverbrauch'))
      : (number(pass, 'endenergiebedarf') ?? number(pass, 'energieverbrauchkennwert')),
    energyCarrier: carrier,
    energyClass: cls && ['A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].includes(cls) ? cls : null,
    energyYearBuilt: year !== null && Number.isInteger(year) ? year : null,
    energyIssuedAt: isoDate(text(pass, 'ausstelldatum')),
    energyValidUntil: isoDate(text(pass, 'gueltig_bis')),
    energyIncludesHotWater:
      consumption && text(pass, 'mitwarmwasser') !== null ? bool(pass, 'mitwarmwasser') : null,
  };
}

function listing(immo: Node, position: number): ImportedListing {
  const warnings: string[] = [];
  const kat = child(immo, 'objektkategorie');
  const geo = child(immo, 'geo');
  const preise = child(immo, 'preise');
  const fl = child(immo, 'flaechen');
  const zustand = child(immo, 'zustand_angaben');
  const texte = child(immo, 'freitexte');
  const techn = child(immo, 'verwaltung_techn');
  const verm = child(kat, 'vermarktungsart');

  const kaufpreis = number(preise, 'kaufpreis');
  const kaltmiete = number(preise, 'kaltmiete') ?? number(preise, 'nettokaltmiete');
  let marketingType: 'kauf' | 'miete';
  if (verm && truthy(attr(verm, 'KAUF'))) marketingType = 'kauf';
  else if (verm && truthy(attr(verm, 'MIETE_PACHT'))) marketingType = 'miete';
  else {
    marketingType = kaltmiete !== null && kaufpreis === null ? 'miete' : 'kauf';
    warnings.push(`Keine Vermarktungsart angegeben – aus den Preisen als „${marketingType}“ erkannt.`);
  }
  const { type, subtype } = objectType(kat, warnings, number(fl, 'anzahl_zimmer') !== null);
  const conditionRaw = attr(child(zustand, 'zustand'), 'zustand_art');
  const yearBuilt = number(zustand, 'baujahr');
  const state = text(geo, 'bundesland');
  const coords = child(geo, 'geokoordinaten');
  const lat = Number(attr(coords, 'breitengrad'));
  const lon = Number(attr(coords, 'laengengrad'));
  const aktion = attr(child(techn, 'aktion'), 'aktionart')?.toUpperCase();
  const onRequest = truthy(attr(child(preise, 'kaufpreis'), 'auf_anfrage'));
  const courtage = text(preise, 'aussen_courtage') ?? text(preise, 'courtage_hinweis');
  const rooms = number(fl, 'anzahl_zimmer');

  const input: Record<string, unknown> = {
    externalId: text(techn, 'objektnr_extern') ?? undefined,
    title:
      text(texte, 'objekttitel') ??
      `${type === 'sonstige' ? 'Objekt' : type} in ${text(geo, 'ort') ?? ''}`.trim(),
    description: text(texte, 'objektbeschreibung') ?? text(texte, 'objekt_text') ?? '',
    locationDescription: text(texte, 'lage') ?? '',
    equipmentDescription: text(texte, 'ausstatt_beschr') ?? '',
    marketingType,
    objectType: type,
    objectSubtype: subtype,
    street: text(geo, 'strasse'),
    houseNumber: text(geo, 'hausnummer'),
    postalCode: text(geo, 'plz') ?? '',
    city: text(geo, 'ort') ?? '',
    district: text(geo, 'regionaler_zusatz'),
    federalState: state ? (FEDERAL_STATE_CODES[state.toLowerCase()] ?? null) : null,
    latitude: Number.isFinite(lat) && lat !== 0 ? lat : null,
    longitude: Number.isFinite(lon) && lon !== 0 ? lon : null,
    showAddress: bool(child(immo, 'verwaltung_objekt'), 'objektadresse_freigeben'),
    livingArea: number(fl, 'wohnflaeche'),
    usableArea: number(fl, 'nutzflaeche'),
    plotArea: number(fl, 'grundstuecksflaeche'),
    rooms: rooms === null ? null : Math.round(rooms * 2) / 2,
    bedrooms: number(fl, 'anzahl_schlafzimmer'),
    bathrooms: number(fl, 'anzahl_badezimmer'),
    floor: number(geo, 'etage'),
    totalFloors: number(geo, 'anzahl_etagen'),
    yearBuilt: yearBuilt !== null && Number.isInteger(yearBuilt) ? yearBuilt : null,
    condition: conditionRaw ? (CONDITION_FROM_OPENIMMO[conditionRaw.toUpperCase()] ?? null) : null,
    features: features(immo),
    purchasePrice: marketingType === 'kauf' && !onRequest ? kaufpreis : null,
    coldRent: marketingType === 'miete' ? kaltmiete : null,
    warmRent: marketingType === 'miete' ? number(preise, 'warmmiete') : null,
    additionalCosts: marketingType === 'miete' ? number(preise, 'nebenkosten') : null,
    hausgeld: number(preise, 'hausgeld'),
    depositText:
      text(preise, 'kaution_text') ??
      (number(preise, 'kaution') !== null ? `${number(preise, 'kaution')} €` : null),
    commissionText: courtage,
    ...energy(zustand, warnings),
  };
  for (const key of Object.keys(input)) if (input[key] === null) delete input[key];

  const attachments = ((child(immo, 'anhaenge')?.anhang as unknown[] | undefined) ?? [])
    .map(node)
    .filter((a): a is Node => Boolean(a))
    .map((a) => ({
      path: text(child(a, 'daten'), 'pfad') ?? '',
      location: (attr(a, 'location') ?? 'EXTERN').toUpperCase(),
      group: (attr(a, 'gruppe') ?? 'BILD').toUpperCase(),
      title: text(a, 'anhangtitel') ?? '',
    }))
    .filter((a) => a.path !== '');

  return {
    position,
    externalId: text(techn, 'objektnr_extern'),
    action: aktion === 'DELETE' ? 'DELETE' : aktion === 'CHANGE' ? 'CHANGE' : 'NEW',
    input,
    attachments,
    warnings,
  };
}

/** Reads any OpenImmo 1.x feed leniently: real exports skip required elements, and that is reported, not fatal. */
export function readOpenImmoXml(xml: string): ImportedFeed {
  const source = xml.replace(/^\uFEFF/, '');
  const wellFormed = XMLValidator.validate(source);
  if (wellFormed !== true)
    throw new OpenImmoParseError(
      `Die Datei ist kein gültiges XML (Zeile ${wellFormed.err.line}: ${wellFormed.err.msg}).`,
    );
  const doc = parser.parse(source) as Node;
  const root = child(doc, 'openimmo');
  if (!root) throw new OpenImmoParseError('Kein <openimmo>-Element gefunden – ist das eine OpenImmo-Datei?');
  const transfer = child(root, 'uebertragung');
  const providers = ((root.anbieter as unknown[] | undefined) ?? [])
    .map(node)
    .filter((a): a is Node => Boolean(a));
  let position = 0;
  const listings = providers.flatMap((a) =>
    ((a.immobilie as unknown[] | undefined) ?? [])
      .map(node)
      .filter((i): i is Node => Boolean(i))
      .map((i) => listing(i, ++position)),
  );
  return { version: attr(transfer, 'version') ?? null, scope: attr(transfer, 'umfang') ?? null, listings };
}
