/** API prices are euros with cents as decimals; the database stores integer cents. */
export const toCents = (euros: number | null | undefined): number | null | undefined =>
  euros === undefined ? undefined : euros === null ? null : Math.round(euros * 100);

export const toEuros = (cents: number | null): number | null => (cents === null ? null : cents / 100);
