import { formatNumber } from '../../../platform/format/format-de.js';
import { ENERGY_CARRIER_LABELS_DE } from './labels-de.js';

/**
 * The one statement about the energy certificate (GEG § 87) that every channel prints for a
 * listing: exposé, public page, secured exposé, social drafts and graphics, reels, AI texts and
 * OpenImmo. Deciding it once means a listing cannot say four different things on four channels.
 */
export interface EnergyStatementInput {
  objectType: string;
  yearBuilt: number | null;
  features?: readonly string[];
  energyCertificateType: string | null;
  energyValue: number | null;
  energyCarrier: string | null;
  energyYearBuilt: number | null;
  energyClass: string | null;
}

export type EnergyStatementKind =
  /** Plots and parking: no building, nothing to say (GEG § 79 applies to buildings). */
  | 'not_applicable'
  /** A listed building (Baudenkmal) needs no certificate (GEG § 79 Abs. 4). */
  | 'exempt'
  /** The certificate's items are on file; `missing` names the ones that are not. */
  | 'certificate'
  /** No certificate data on file. */
  | 'none';

export interface EnergyStatement {
  kind: EnergyStatementKind;
  /** The § 87 items as one list ("Energieverbrauchsausweis, Endenergieverbrauch 112 kWh/(m²·a), …"). */
  items: string | null;
  /** One line for channels without a heading: "Energieausweis: …". Null when nothing is said. */
  line: string | null;
  /** A full sentence for running text and under an "Energieausweis" heading. */
  sentence: string | null;
  /** The same statement in the compact form graphics and reels have room for. */
  short: string | null;
  /** § 87 items a certificate on file lacks, by their German names. */
  missing: string[];
}

const NO_BUILDING = new Set(['grundstueck', 'parken']);

/** English words for the energy carriers, for English adverts and texts. */
export const ENERGY_CARRIER_WORDS_EN: Record<string, string> = {
  gas: 'gas',
  oel: 'oil',
  fernwaerme: 'district heating',
  strom: 'electricity',
  holz: 'wood',
  pellets: 'wood pellets',
  waermepumpe: 'heat pump',
  erdwaerme: 'geothermal',
  solar: 'solar',
  fluessiggas: 'liquid gas',
  kohle: 'coal',
  blockheizkraftwerk: 'combined heat and power',
};

export const ENERGY_ITEM_LABELS_DE = {
  energyCertificateType: 'Art des Energieausweises',
  energyValue: 'Endenergiekennwert',
  energyCarrier: 'wesentlicher Energieträger',
  energyYearBuilt: 'Baujahr',
  energyClass: 'Energieeffizienzklasse',
} as const;

export function energyStatement(p: EnergyStatementInput, lang: 'de' | 'en' = 'de'): EnergyStatement {
  const de = lang !== 'en';
  if (NO_BUILDING.has(p.objectType))
    return { kind: 'not_applicable', items: null, line: null, sentence: null, short: null, missing: [] };
  const type =
    p.energyCertificateType === 'bedarf' || p.energyCertificateType === 'verbrauch'
      ? p.energyCertificateType
      : null;
  if (!type && p.features?.includes('denkmalschutz'))
    return {
      kind: 'exempt',
      items: null,
      line: de
        ? 'Energieausweis: nicht erforderlich (Baudenkmal)'
        : 'Energy certificate: not required (listed building)',
      sentence: de
        ? 'Für das Baudenkmal ist kein Energieausweis erforderlich (§ 79 Abs. 4 GEG).'
        : 'As a listed building, the property needs no energy performance certificate.',
      short: de ? 'Kein Energieausweis nötig (Baudenkmal)' : 'No energy certificate needed (listed building)',
      missing: [],
    };
  if (!type)
    return {
      kind: 'none',
      items: null,
      line: de ? 'Energieausweis: liegt noch nicht vor' : 'Energy certificate: not yet available',
      sentence: de
        ? 'Ein Energieausweis liegt zum Zeitpunkt dieser Anzeige noch nicht vor.'
        : 'An energy performance certificate is not yet available at the time of this advert.',
      short: de ? 'Energieausweis liegt noch nicht vor' : 'Energy certificate not yet available',
      missing: Object.values(ENERGY_ITEM_LABELS_DE),
    };
  const year = p.energyYearBuilt ?? p.yearBuilt;
  const demand = type === 'bedarf';
  const carrier = carrierWord(p.energyCarrier, lang);
  const items = certificateItems(
    { type, value: p.energyValue, carrier: p.energyCarrier, yearBuilt: year, efficiencyClass: p.energyClass },
    lang,
  );
  const short = [
    de
      ? demand
        ? 'Bedarfsausweis'
        : 'Verbrauchsausweis'
      : demand
        ? 'Demand certificate'
        : 'Consumption certificate',
    p.energyValue !== null ? `${formatNumber(p.energyValue, lang, 1)} kWh/(m²·a)` : null,
    carrier,
    year ? `${de ? 'Bj.' : 'built'} ${year}` : null,
    p.energyClass ? `${de ? 'Klasse' : 'class'} ${p.energyClass}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const missing: string[] = [
    p.energyValue === null ? ENERGY_ITEM_LABELS_DE.energyValue : null,
    p.energyCarrier ? null : ENERGY_ITEM_LABELS_DE.energyCarrier,
    year ? null : ENERGY_ITEM_LABELS_DE.energyYearBuilt,
    p.energyClass ? null : ENERGY_ITEM_LABELS_DE.energyClass,
  ].filter((x) => x !== null);
  return {
    kind: 'certificate',
    items,
    line: de ? `Energieausweis: ${items}` : `Energy certificate: ${items}`,
    sentence: de ? `Angaben zum Energieausweis: ${items}.` : `Energy performance certificate: ${items}.`,
    short,
    missing,
  };
}

const carrierWord = (carrier: string | null, lang: 'de' | 'en') =>
  carrier
    ? lang === 'en'
      ? (ENERGY_CARRIER_WORDS_EN[carrier] ?? carrier)
      : (ENERGY_CARRIER_LABELS_DE[carrier] ?? carrier)
    : null;

/** The § 87 items of a certificate as one list ("Energieverbrauchsausweis, Endenergieverbrauch …"). */
export function certificateItems(
  c: {
    type: 'bedarf' | 'verbrauch';
    value: number | null;
    carrier: string | null;
    yearBuilt: number | null;
    efficiencyClass: string | null;
  },
  lang: 'de' | 'en' = 'de',
): string {
  const demand = c.type === 'bedarf';
  const carrier = carrierWord(c.carrier, lang);
  const parts =
    lang === 'en'
      ? [
          demand ? 'energy demand certificate' : 'energy consumption certificate',
          c.value !== null
            ? `final energy ${demand ? 'demand' : 'consumption'} ${formatNumber(c.value, 'en', 1)} kWh/(m²·a)`
            : null,
          carrier ? `main energy source ${carrier}` : null,
          c.yearBuilt ? `year of construction ${c.yearBuilt}` : null,
          c.efficiencyClass ? `energy efficiency class ${c.efficiencyClass}` : null,
        ]
      : [
          demand ? 'Energiebedarfsausweis' : 'Energieverbrauchsausweis',
          c.value !== null
            ? `Endenergie${demand ? 'bedarf' : 'verbrauch'} ${formatNumber(c.value, 'de', 1)} kWh/(m²·a)`
            : null,
          carrier ? `wesentlicher Energieträger ${carrier}` : null,
          c.yearBuilt ? `Baujahr ${c.yearBuilt}` : null,
          c.efficiencyClass ? `Energieeffizienzklasse ${c.efficiencyClass}` : null,
        ];
  return parts.filter(Boolean).join(', ');
}
