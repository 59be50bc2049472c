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
  /**
   * For an offer with a shorter Zinsbindung than the longest one: the follow-up rate at which it
   * costs as much as the longest offer over that offer's whole Zinsbindung (same monthly payment
   * after the switch). Below it the shorter offer wins; above it the longer fixed rate was worth it.
   */
  breakEven: {
    against: string;
    untilYears: number;
    ratePercent: number | null;
    beyond: 'below' | 'above' | null;
  } | null;
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
      breakEven: null as OfferResult['breakEven'],
      amortised: result,
    };
  });
  const longest = results.reduce((a, b) => (b.fixedRateYears > a.fixedRateYears ? b : a));
  for (const [i, r] of results.entries()) {
    if (r.fixedRateYears >= longest.fixedRateYears) continue;
    r.breakEven = breakEvenRate(
      offers[i] as Offer,
      r.amortised,
      offers[results.indexOf(longest)] as Offer,
      longest.amortised,
      longest.name,
    );
  }
  const order = [...results].sort(
    (a, b) =>
      a.costToHorizonCents - b.costToHorizonCents || a.remainingAtHorizonCents - b.remainingAtHorizonCents,
  );
  for (const [i, r] of order.entries()) r.rank = i + 1;
  return {
    horizonYears,
    offers: results.map(({ amortised: _amortised, ...r }) => r),
    cheapest: order[0]?.name ?? '',
  };
}

type Amortised = ReturnType<typeof amortise>;

/** Interest paid on `debt` with a fixed `payment` per period at `ratePercent` for `periods` periods. */
function followUpInterest(
  debt: number,
  payment: number,
  ratePercent: number,
  perYear: number,
  periods: number,
): number {
  let remaining = debt;
  let interest = 0;
  for (let k = 0; k < periods && remaining > 0; k++) {
    const due = Math.round((remaining * ratePercent) / 100 / perYear);
    interest += due;
    remaining -= Math.min(remaining, Math.max(0, payment - due));
  }
  return interest;
}

function breakEvenRate(
  short: Offer,
  shortResult: Amortised,
  long: Offer,
  longResult: Amortised,
  longName: string,
): NonNullable<OfferResult['breakEven']> {
  const years = long.fixedRateYears;
  const interestUntil = (offer: Offer, result: Amortised, y: number) =>
    result.schedule.slice(0, y * offer.paymentsPerYear).reduce((sum, r) => sum + r.interestCents, 0);
  const target = interestUntil(long, longResult, years) + long.feesCents;
  const shortPeriods = short.fixedRateYears * short.paymentsPerYear;
  const debtAtSwitch = shortResult.schedule[shortPeriods - 1]?.closingCents ?? 0;
  const before = interestUntil(short, shortResult, short.fixedRateYears) + short.feesCents;
  const cost = (rate: number) =>
    before +
    followUpInterest(
      debtAtSwitch,
      shortResult.rateCents,
      rate,
      short.paymentsPerYear,
      (years - short.fixedRateYears) * short.paymentsPerYear,
    );
  const base = { against: longName, untilYears: years };
  if (cost(0) >= target) return { ...base, ratePercent: null, beyond: 'below' };
  if (cost(20) <= target) return { ...base, ratePercent: null, beyond: 'above' };
  let lo = 0;
  let hi = 20;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (cost(mid) < target) lo = mid;
    else hi = mid;
  }
  return { ...base, ratePercent: Math.round(((lo + hi) / 2) * 100) / 100, beyond: null };
}
