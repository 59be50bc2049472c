export interface EnergyCertificateFacts {
  certificateType: 'bedarf' | 'verbrauch' | null;
  /** kWh/(m²·a), the final-energy figure the GEG requires in adverts. */
  energyValue: number | null;
  efficiencyClass: string | null;
  /** YYYY-MM-DD */
  validUntil: string | null;
  /** The listing vocabulary's key of the main heating energy carrier ("gas", "fernwaerme", …). */
  energyCarrier: string | null;
  /** "Baujahr Gebäude" on the certificate's first page. */
  yearBuilt: number | null;
}

/** Words certificates use for the main energy carrier, mapped to the listing vocabulary; the more specific first. */
const CARRIERS: [RegExp, string][] = [
  [/fl[üu]ssiggas/iu, 'fluessiggas'],
  [/holzpellets|pellets/iu, 'pellets'],
  [/fernw[äa]rme|nahw[äa]rme/iu, 'fernwaerme'],
  [/w[äa]rmepumpe/iu, 'waermepumpe'],
  [/erdw[äa]rme|geotherm/iu, 'erdwaerme'],
  [/blockheizkraftwerk|bhkw|kraft-w[äa]rme/iu, 'blockheizkraftwerk'],
  [/erdgas|\bgas\b/iu, 'gas'],
  [/heiz[öo]l|\b[öo]l\b/iu, 'oel'],
  [/scheitholz|st[üu]ckholz|hackschnitzel|\bholz\b/iu, 'holz'],
  [/strom/iu, 'strom'],
  [/solar/iu, 'solar'],
  [/kohle|koks/iu, 'kohle'],
];

function carrierOf(flat: string): string | null {
  // "Wesentliche Energieträger für Heizung" comes first on page 1 of the GEG form; its value may
  // follow on the same line or, in OCR text, on the next one.
  const label = /wesentliche[rn]?\s+energietr[äa]ger([^\n]{0,60}(?:\n[^\n]{0,40})?)/iu.exec(flat);
  if (!label?.[1]) return null;
  for (const [pattern, key] of CARRIERS) if (pattern.test(label[1])) return key;
  return null;
}

const germanNumber = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

function isoDate(day: string, month: string, year: string): string | null {
  const y = Number(year.length === 2 ? `20${year}` : year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The facts brokers copy from an energy certificate (GEG §§ 79 ff.): its type, the final-energy
 * value, the efficiency class and the valid-until date. OCR text is messy, so the patterns allow
 * for stray spaces, "kWh/(m2a)" spellings and dates with dots or slashes.
 */
export function extractEnergyCertificate(text: string): EnergyCertificateFacts {
  const flat = text.replace(/[ \t]+/g, ' ');
  const type = /verbrauchs(?:ausweis|werte|kennwert)|energieverbrauch\b/iu.test(flat)
    ? /bedarfsausweis|energiebedarf\b|endenergiebedarf/iu.test(flat) &&
      !/energieverbrauchsausweis/iu.test(flat)
      ? 'bedarf'
      : 'verbrauch'
    : /bedarfsausweis|energiebedarf|endenergiebedarf/iu.test(flat)
      ? 'bedarf'
      : null;
  const value =
    /end\s?energie\s?(?:bedarf|verbrauch)[^\d]{0,60}?(\d{1,3}(?:[.,]\d{1,2})?)\s*kwh/iu.exec(flat) ??
    /(\d{1,3}(?:[.,]\d{1,2})?)\s*kwh\s*\/?\s*\(?\s*m\s*[²2]\s*[·.*x]?\s*a\)?/iu.exec(flat);
  const efficiency = /(?:energie)?effizienzklasse\s*:?\s*(A\+|[A-H])\b/iu.exec(flat);
  // OCR confuses i, l and 1 ("gultig bls"), so those letters are interchangeable here.
  const valid = /g[üu]lt[il1]g\s*b[il1]s\s*:?\s*(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{2,4})/iu.exec(flat);
  const isoValid = /g[üu]lt[il1]g\s*b[il1]s\s*:?\s*(\d{4})-(\d{2})-(\d{2})/iu.exec(flat);
  const year = /baujahr\s+geb[äa]ude\s*:?\s*(1[6-9]\d{2}|20\d{2})/iu.exec(flat);
  return {
    certificateType: type,
    energyCarrier: carrierOf(flat),
    yearBuilt: year?.[1] ? Number(year[1]) : null,
    energyValue: value?.[1] ? germanNumber(value[1]) : null,
    efficiencyClass: efficiency?.[1]?.toUpperCase() ?? null,
    validUntil: valid
      ? isoDate(valid[1] as string, valid[2] as string, valid[3] as string)
      : isoValid
        ? isoDate(isoValid[3] as string, isoValid[2] as string, isoValid[1] as string)
        : null,
  };
}
