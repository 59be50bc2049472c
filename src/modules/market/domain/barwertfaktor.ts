import { Dec } from './decimal.js';

/**
 * § 34 ImmoWertV (2021), the factors of the income approach:
 * Barwertfaktor (Kapitalisierung)  KF = (qⁿ − 1) / (qⁿ × (q − 1)),
 * Barwertfaktor (Abzinsung)        AF = 1 / qⁿ,
 * with q = 1 + LZ and LZ = p / 100 (p the Liegenschaftszinssatz in percent), n the remaining
 * useful life in years. At p = 0 the capitalisation factor is n (the limit of the formula).
 * Source: https://www.gesetze-im-internet.de/immowertv_2022/__34.html
 */
export function kapitalisierungsfaktor(percent: number | string, years: number): Dec {
  const n = new Dec(years);
  const p = new Dec(percent);
  if (p.isZero()) return n;
  const q = p.div(100).plus(1);
  const qn = q.pow(n);
  return qn.minus(1).div(qn.mul(q.minus(1)));
}

export function abzinsungsfaktor(percent: number | string, years: number): Dec {
  return new Dec(1).div(new Dec(percent).div(100).plus(1).pow(years));
}

/** Tables print the factor to two decimals; an appraiser who works from one rounds the same way. */
export const roundFactor = (factor: Dec, places?: number): Dec =>
  places === undefined ? factor : factor.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
