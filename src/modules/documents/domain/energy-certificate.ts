export interface EnergyCertificateFacts {
  certificateType: 'bedarf' | 'verbrauch' | null;
  /** kWh/(m²·a), the final-energy figure the GEG requires in adverts. */
  energyValue: number | null;
  efficiencyClass: string | null;
  /** YYYY-MM-DD */
  validUntil: string | null;
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
  return {
    certificateType: type,
    energyValue: value?.[1] ? germanNumber(value[1]) : null,
    efficiencyClass: efficiency?.[1]?.toUpperCase() ?? null,
    validUntil: valid
      ? isoDate(valid[1] as string, valid[2] as string, valid[3] as string)
      : isoValid
        ? isoDate(isoValid[3] as string, isoValid[2] as string, isoValid[1] as string)
        : null,
  };
}
