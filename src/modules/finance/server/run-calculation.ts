import { badRequest } from '../../../platform/http/app-error.js';
import { FinanceInputError } from '../domain/money.js';

/** Runs a pure calculator; an input it refuses becomes a 400 naming the field. */
export function runCalculation<T>(calculate: () => T): T {
  try {
    return calculate();
  } catch (error) {
    if (error instanceof FinanceInputError)
      throw badRequest('invalid_input', error.message, { field: error.field });
    throw error;
  }
}
