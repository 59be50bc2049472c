import { AppError } from '../../../platform/http/app-error.js';
import { ValuationInputError } from '../domain/decimal.js';

/** Runs a valuation; inputs the schema cannot judge (costs above the income) become a 422 naming the field. */
export function runValuation<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValuationInputError)
      throw new AppError(422, 'valuation_input', error.message, { field: error.field });
    throw error;
  }
}
