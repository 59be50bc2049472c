import { parseGermanNumber } from '../domain/import-row.js';

/** A form field's text as a number: German "1.234,5" or "1234.5"; empty gives null, rubbish NaN. */
export function readNumber(text: string): number | null {
  if (text.trim() === '') return null;
  return parseGermanNumber(text) ?? Number.NaN;
}

/** A number as a German form field shows it, without grouping so it reads back unchanged. */
export const writeNumber = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined
    ? ''
    : new Intl.NumberFormat('de-DE', { useGrouping: false, maximumFractionDigits: digits }).format(n);
