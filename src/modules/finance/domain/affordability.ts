import { Dec, FinanceInputError, percentOfCents } from './money.js';

export interface AffordabilityInput {
  netIncomeMonthlyCents: number;
  /** Living costs, insurance, other loans: everything that is not the new rate. */
  expensesMonthlyCents: number;
  /** Banks want the rate at most at this share of the net income (often 35–40 %). */
  maxRateSharePercent: number;
  equityCents: number;
  nominalRatePercent: number;
  initialRepaymentPercent: number;
  /** Side costs as percent of the price (transfer tax, notary, land register, commission). */
  sideCostsPercent: number;
}

export interface AffordabilityResult {
  monthlyRateCents: number;
  /** What limited the rate: the surplus after expenses, or the bank's share of income. */
  limitedBy: 'surplus' | 'income_share';
  loanCents: number;
  maxPriceCents: number;
  sideCostsCents: number;
  totalCostCents: number;
  equityCoversSideCosts: boolean;
}

/**
 * The highest price a household can finance: the affordable rate gives the loan through the
 * annuity (rate × 12 = loan × (Sollzins + Tilgung)); loan plus equity pay price and side costs.
 * Rounded down to whole euros, so the answer never promises a cent more than the numbers carry.
 */
export function affordability(input: AffordabilityInput): AffordabilityResult {
  const surplus = input.netIncomeMonthlyCents - input.expensesMonthlyCents;
  if (surplus <= 0)
    throw new FinanceInputError(
      'expensesMonthlyCents',
      'Die Ausgaben sind so hoch wie das Einkommen oder höher – für eine Rate bleibt nichts.',
    );
  const shareCap = percentOfCents(input.netIncomeMonthlyCents, input.maxRateSharePercent);
  const monthlyRateCents = Math.min(surplus, shareCap);
  const annuityPercent = new Dec(input.nominalRatePercent).add(input.initialRepaymentPercent);
  const loanCents = new Dec(monthlyRateCents)
    .mul(12)
    .mul(100)
    .div(annuityPercent)
    .div(100)
    .floor()
    .mul(100)
    .toNumber();
  const maxPriceCents = new Dec(loanCents + input.equityCents)
    .div(new Dec(1).add(new Dec(input.sideCostsPercent).div(100)))
    .div(100)
    .floor()
    .mul(100)
    .toNumber();
  const sideCostsCents = percentOfCents(maxPriceCents, input.sideCostsPercent);
  return {
    monthlyRateCents,
    limitedBy: monthlyRateCents === surplus ? 'surplus' : 'income_share',
    loanCents,
    maxPriceCents,
    sideCostsCents,
    totalCostCents: maxPriceCents + sideCostsCents,
    equityCoversSideCosts: input.equityCents >= sideCostsCents,
  };
}
