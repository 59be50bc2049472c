import { formatNumber as formatPlain } from '../../../platform/format/format-de.js';
import type { PropertyView } from '../contract.js';

// Dates and money come from the one formatting module; only the unit-suffixed number is local.
export { formatDate, formatDateTime, formatEuro } from '../../../platform/format/format-de.js';

export function formatNumber(value: number | null | undefined, lang: string, unit = ''): string {
  if (value === null || value === undefined) return '–';
  return `${formatPlain(value, lang)}${unit ? `\u00a0${unit}` : ''}`;
}

/** The headline price of a listing: purchase price for sales, cold rent for rentals. */
export function headlinePrice(p: Pick<PropertyView, 'marketingType' | 'purchasePrice' | 'coldRent'>) {
  return p.marketingType === 'kauf' ? p.purchasePrice : p.coldRent;
}

export const STATUS_TONE = {
  entwurf: 'gray',
  aktiv: 'green',
  reserviert: 'amber',
  verkauft: 'blue',
  vermietet: 'blue',
  archiviert: 'gray',
} as const;

/**
 * Reads a number as a German broker types it: "450.000" and "450000" are the same price,
 * "85,5" is 85.5, and "1.234,50" is 1234.5. Returns NaN for anything else so validation can say so.
 */
export function parseGermanNumber(input: string): number {
  const s = input.trim().replace(/\s|€/g, '');
  if (s === '') return Number.NaN;
  if (s.includes(',')) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  return Number(s);
}
