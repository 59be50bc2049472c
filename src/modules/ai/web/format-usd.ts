/** Costs in US dollars with enough digits that a 0.0005 $ call does not read as zero. */
export function formatUsd(value: number): string {
  const digits = value === 0 ? 2 : value < 0.01 ? 4 : 2;
  return `${value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits })} US-$`;
}
