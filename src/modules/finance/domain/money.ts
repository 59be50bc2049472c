import Decimal from 'decimal.js';

/**
 * Money is integer cents; every product of money and a rate is computed in decimal and rounded
 * half-up to whole cents once, the way a bank's statement rounds each posting.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const toCents = (value: Dec): number => value.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();

/** `cents × percent / 100 / divisor`, rounded to cents. */
export const percentOfCents = (cents: number, percent: number | string, divisor = 1): number =>
  toCents(new Dec(cents).mul(percent).div(100).div(divisor));

/** A rate as a fraction with at most `places` decimals, for display and PDFs. */
export const roundPercent = (value: number, places = 2): number =>
  new Dec(value).toDecimalPlaces(places).toNumber();

/** Input errors the schema cannot see (a rate that does not cover the interest …), named by field. */
export class FinanceInputError extends Error {
  override name = 'FinanceInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
