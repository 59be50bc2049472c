import { affordability } from '../../finance/domain/affordability.js';
import { FinanceInputError } from '../../finance/domain/money.js';

/**
 * What a lead can pay, from what it stated: the finance module's affordability with the
 * assumptions a broker uses for a first estimate — the rate at most 35 % of the net income,
 * 3.8 % Sollzins and 2 % Tilgung, 10.6 % side costs (Baden-Württemberg: 5 % Grunderwerbsteuer,
 * about 2 % notary and land register, 3.57 % buyer's commission). Unknown expenses count as
 * none: the 35 % cap is then what limits the rate. Null when the income is unknown.
 */
export const BUYING_POWER_ASSUMPTIONS = {
  maxRateSharePercent: 35,
  nominalRatePercent: 3.8,
  initialRepaymentPercent: 2,
  sideCostsPercent: 10.6,
} as const;

export function buyingPower(input: {
  netIncomeMonthlyCents: number | null;
  expensesMonthlyCents: number | null;
  equityCents: number | null;
}): number | null {
  if (input.netIncomeMonthlyCents === null || input.netIncomeMonthlyCents <= 0) return null;
  try {
    return affordability({
      netIncomeMonthlyCents: input.netIncomeMonthlyCents,
      expensesMonthlyCents: input.expensesMonthlyCents ?? 0,
      equityCents: input.equityCents ?? 0,
      ...BUYING_POWER_ASSUMPTIONS,
    }).maxPriceCents;
  } catch (error) {
    // Expenses at or above the income: nothing is affordable.
    if (error instanceof FinanceInputError) return 0;
    throw error;
  }
}
