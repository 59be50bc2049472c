const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** Standard PDF fonts speak WinAnsi: the narrow no-break space Intl puts before "€" is not in it. */
const winAnsi = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

export const eur = (cents: number) => winAnsi(euro.format(cents / 100));
const rate = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Rates with two decimals, as banks print them: "3,50 %". */
export const pct = (value: number | null) => (value === null ? '–' : winAnsi(`${rate.format(value)} %`));
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
export const num = (value: number) => winAnsi(number.format(value));
/** "2026-12" → "12/2026". */
export const monthDe = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
