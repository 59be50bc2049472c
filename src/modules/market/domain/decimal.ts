import Decimal from 'decimal.js';

/**
 * Valuation arithmetic in decimal, rounded half-up to whole cents at each step an appraiser
 * writes down, so a report's lines add up exactly as printed.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const cents = (value: Dec): number => value.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();

/** Input errors the schema cannot see, named by field so the form can mark it. */
export class ValuationInputError extends Error {
  override name = 'ValuationInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
