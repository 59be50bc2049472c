/** A payment at `years` after the start: positive to the lender/investor, negative from them. */
export interface CashFlow {
  years: number;
  amount: number;
}

const presentValue = (flows: CashFlow[], rate: number) =>
  flows.reduce((sum, f) => sum + f.amount / (1 + rate) ** f.years, 0);

/**
 * The annual rate X with Σ amount · (1 + X)^(−years) = 0 — the effective annual rate of PAngV
 * § 16 and its annex (payments discounted with whole and fractional years, a year of twelve
 * equal months), and the internal rate of return of an investment. Bisection: slower than
 * Newton, but it cannot jump past a root, and ~47 halvings pin the rate to 1e-13.
 * Returns null when the flows do not change sign, so there is no such rate.
 */
export function annualRate(flows: CashFlow[]): number | null {
  let low = -0.9999;
  let high = 10;
  let atLow = presentValue(flows, low);
  const atHigh = presentValue(flows, high);
  if (Number.isNaN(atLow) || Number.isNaN(atHigh) || Math.sign(atLow) === Math.sign(atHigh)) return null;
  // 1e-13 is a millionth of a basis point; past it the halving only burns time.
  for (let i = 0; i < 200 && high - low > 1e-13; i++) {
    const mid = (low + high) / 2;
    const atMid = presentValue(flows, mid);
    if (atMid === 0) return mid;
    if (Math.sign(atMid) === Math.sign(atLow)) {
      low = mid;
      atLow = atMid;
    } else high = mid;
  }
  return (low + high) / 2;
}
