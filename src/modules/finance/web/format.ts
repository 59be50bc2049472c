const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const euroWhole = new Intl.NumberFormat('de-DE', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const rate = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const eur = (cents: number) => euro.format(cents / 100);
export const eurWhole = (cents: number) => euroWhole.format(cents / 100);
export const pct = (value: number | null | undefined) => (value == null ? '–' : `${rate.format(value)} %`);
export const monthDe = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/**
 * "300.000", "300000,50", "1.234.567,8" or "2,5" as a number; null for anything else. German
 * input first: dots group thousands, the comma is the decimal mark.
 */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s€%]/g, '');
  if (!/^-?[\d.]*,?\d*$/.test(cleaned) || !/\d/.test(cleaned)) return null;
  const [whole = '', fraction = ''] = cleaned.split(',');
  if (whole.includes('.') && !/^-?\d{1,3}(\.\d{3})+$/.test(whole)) {
    // "2.5" typed the English way: a single dot followed by other than three digits is a decimal point.
    if (!cleaned.includes(',') && /^-?\d+\.\d+$/.test(cleaned)) return Number(cleaned);
    return null;
  }
  const value = Number(`${whole.replace(/\./g, '')}.${fraction || '0'}`);
  return Number.isFinite(value) ? value : null;
}

export const centsOf = (text: string) => {
  const value = parseDecimal(text);
  return value === null ? null : Math.round(value * 100);
};

/** A cents amount as the form shows it: "300.000" or "1.234,50". */
export const euroText = (cents: number | null | undefined) =>
  cents == null
    ? ''
    : new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2, useGrouping: true }).format(cents / 100);
export const numberText = (value: number | null | undefined) =>
  value == null
    ? ''
    : new Intl.NumberFormat('de-DE', { maximumFractionDigits: 4, useGrouping: false }).format(value);
