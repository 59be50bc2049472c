import { amortise, type LoanPartInput } from './annuity.js';
import { FinanceInputError } from './money.js';

export interface Offer extends LoanPartInput {
  specialRepaymentRightPercent: number;
}

export interface OfferResult {
  name: string;
  rateCents: number;
  nominalRatePercent: number;
  effectiveRatePercent: number | null;
  fixedRateYears: number;
  feesCents: number;
  specialRepaymentRightPercent: number;
  remainingAtFixedEndCents: number;
  interestDuringFixedCents: number;
  /** Interest and fees up to the common horizon: what the money costs until the first offer's Zinsbindung ends. */
  costToHorizonCents: number;
  remainingAtHorizonCents: number;
  /** Remaining debt at the end of each year, for the chart. */
  remainingByYear: number[];
  rank: number;
}

export interface OfferComparison {
  horizonYears: number;
  offers: OfferResult[];
  cheapest: string;
}

/**
 * Offers side by side. Offers with different Zinsbindung are compared over the shortest one:
 * interest and fees paid until then, and the debt left — the fair basis, because after it the
 * longer offers still hold a fixed rate the shorter ones would have to renegotiate.
 */
export function compareOffers(offers: Offer[]): OfferComparison {
  const amounts = new Set(offers.map((o) => o.amountCents));
  if (amounts.size > 1)
    throw new FinanceInputError(
      'offers',
      'Bitte Angebote über denselben Darlehensbetrag vergleichen – sonst sind Zinsen und Restschuld nicht vergleichbar.',
    );
  const horizonYears = Math.min(...offers.map((o) => o.fixedRateYears));
  const results = offers.map((offer, i) => {
    if (offer.specialRepaymentCentsPerYear > (offer.amountCents * offer.specialRepaymentRightPercent) / 100)
      throw new FinanceInputError(
        `offers.${i}.specialRepaymentCentsPerYear`,
        `„${offer.name}“: Die geplante Sondertilgung ist höher, als das Angebot erlaubt (${offer.specialRepaymentRightPercent} % p. a.).`,
      );
    const result = amortise(offer);
    const horizonPeriods = horizonYears * offer.paymentsPerYear;
    const withinHorizon = result.schedule.slice(0, horizonPeriods);
    return {
      name: offer.name,
      rateCents: result.rateCents,
      nominalRatePercent: offer.nominalRatePercent,
      effectiveRatePercent: result.effectiveRatePercent,
      fixedRateYears: offer.fixedRateYears,
      feesCents: offer.feesCents,
      specialRepaymentRightPercent: offer.specialRepaymentRightPercent,
      remainingAtFixedEndCents: result.remainingAtFixedEndCents,
      interestDuringFixedCents: result.interestDuringFixedCents,
      costToHorizonCents: withinHorizon.reduce((s, r) => s + r.interestCents, 0) + offer.feesCents,
      remainingAtHorizonCents: withinHorizon.at(-1)?.closingCents ?? 0,
      remainingByYear: result.years
        .slice(0, Math.max(...offers.map((o) => o.fixedRateYears)))
        .map((y) => y.closingCents),
      rank: 0,
    };
  });
  const order = [...results].sort(
    (a, b) =>
      a.costToHorizonCents - b.costToHorizonCents || a.remainingAtHorizonCents - b.remainingAtHorizonCents,
  );
  for (const [i, r] of order.entries()) r.rank = i + 1;
  return { horizonYears, offers: results, cheapest: order[0]?.name ?? '' };
}
