import {
  formatCents,
  formatMonth,
  formatNumber,
  formatPercent,
  winAnsi,
} from '../../../../platform/format/format-de.js';

/** The shared German formats, made safe for the standard PDF fonts (WinAnsi). */
export const eur = (cents: number) => winAnsi(formatCents(cents, 'de', { whole: false }));
/** Rates with two decimals, as banks print them: "3,50 %". */
export const pct = (value: number | null) => (value === null ? '–' : winAnsi(formatPercent(value)));
/** "19 Jahre und 5 Monate" from a count of payments. */
export function duration(periods: number, perYear: number): string {
  const months = Math.round((periods * 12) / perYear);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return [
    years ? `${years} ${years === 1 ? 'Jahr' : 'Jahre'}` : null,
    rest ? `${rest} ${rest === 1 ? 'Monat' : 'Monate'}` : null,
  ]
    .filter(Boolean)
    .join(' und ');
}
export const num = (value: number) => winAnsi(formatNumber(value));
/** "2026-12" → "12/2026". */
export const monthDe = formatMonth;
