/**
 * What the loan must cover: price plus purchase costs minus the buyer's own money. Banks expect
 * the equity to pay at least the purchase costs; the loan-to-value shows how much of the price
 * is lent.
 */
export interface FinancingNeed {
  totalCents: number;
  loanCents: number;
  /** Loan against the price, in percent. */
  loanToValuePercent: number;
  equityCoversSideCosts: boolean;
}

export function financingNeed(input: {
  priceCents: number;
  sideCostsCents: number;
  equityCents: number;
}): FinancingNeed {
  const totalCents = input.priceCents + input.sideCostsCents;
  const loanCents = Math.max(0, totalCents - input.equityCents);
  return {
    totalCents,
    loanCents,
    loanToValuePercent: input.priceCents > 0 ? Math.round((loanCents / input.priceCents) * 10_000) / 100 : 0,
    equityCoversSideCosts: input.equityCents >= input.sideCostsCents,
  };
}
