import { sigmoid } from './logistic.js';

/**
 * Platt scaling (Platt 1999): a one-feature logistic regression from a model's log-odds to the
 * observed outcome, fitted on predictions the model made for leads it was not trained on.
 * The targets are Platt's smoothed labels ((n₊+1)/(n₊+2), 1/(n₋+2)) rather than 0/1, so a
 * small office's calibration does not run to certainty.
 */
export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(logits: readonly number[], outcomes: readonly (0 | 1)[]): Platt {
  const positives = outcomes.filter((y) => y === 1).length;
  const negatives = outcomes.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  // Smoothed targets through a weighted duplicate: each lead counts as t × "1" plus (1−t) × "0".
  const features: number[][] = [];
  const ys: (0 | 1)[] = [];
  const weights: number[] = [];
  logits.forEach((z, i) => {
    const t = outcomes[i] === 1 ? high : low;
    features.push([z], [z]);
    ys.push(1, 0);
    weights.push(t, 1 - t);
  });
  const fit = fitWeighted(features, ys, weights);
  return { a: fit[1] ?? 1, b: fit[0] ?? 0 };
}

/** Newton steps for the one-feature weighted problem (no penalty: two parameters, many leads). */
function fitWeighted(features: number[][], ys: (0 | 1)[], weights: number[]): number[] {
  let b0 = 0;
  let b1 = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-9;
    let h01 = 0;
    let h11 = 1e-9;
    features.forEach(([x = 0], i) => {
      const p = sigmoid(b0 + b1 * x);
      const w = weights[i] ?? 0;
      const r = w * (p - (ys[i] ?? 0));
      const s = w * p * (1 - p);
      g0 += r;
      g1 += r * x;
      h00 += s;
      h01 += s * x;
      h11 += s * x * x;
    });
    const det = h00 * h11 - h01 * h01;
    if (Math.abs(det) < 1e-15) break;
    const d0 = (h11 * g0 - h01 * g1) / det;
    const d1 = (h00 * g1 - h01 * g0) / det;
    b0 -= d0;
    b1 -= d1;
    if (Math.abs(d0) + Math.abs(d1) < 1e-10) break;
  }
  return [b0, b1];
}

export const applyPlatt = (platt: Platt, z: number): number => sigmoid(platt.a * z + platt.b);

/** Mean squared error of probabilities against outcomes: 0 is perfect, 0.25 is a coin. */
export function brierScore(probabilities: readonly number[], outcomes: readonly (0 | 1)[]): number {
  if (probabilities.length === 0) return Number.NaN;
  return probabilities.reduce((s, p, i) => s + (p - (outcomes[i] ?? 0)) ** 2, 0) / probabilities.length;
}

/** Area under the ROC curve by ranks (Mann–Whitney U), ties counted half. */
export function rocAuc(scores: readonly number[], outcomes: readonly (0 | 1)[]): number {
  const order = scores.map((s, i) => ({ s, y: outcomes[i] ?? 0 })).sort((a, b) => a.s - b.s);
  let rankSumPositive = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (order[k]!.y === 1) {
        rankSumPositive += averageRank;
        positives++;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ReliabilityBin {
  /** Lower edge of the bin, 0.0 … 0.9. */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Ten equal-width bins of predicted probability, the empty ones left out. */
export function reliabilityBins(probabilities: readonly number[], outcomes: readonly (0 | 1)[], bins = 10) {
  const result: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const members = probabilities
      .map((p, i) => ({ p, y: outcomes[i] ?? 0 }))
      .filter(({ p }) => p >= from && (b === bins - 1 ? p <= to : p < to));
    if (members.length === 0) continue;
    result.push({
      from,
      to,
      count: members.length,
      meanPredicted: members.reduce((s, m) => s + m.p, 0) / members.length,
      observedRate: members.reduce((s, m) => s + m.y, 0) / members.length,
    });
  }
  return result;
}

/** Expected calibration error: the bins' |predicted − observed|, weighted by their size. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const n = bins.reduce((s, b) => s + b.count, 0);
  if (n === 0) return Number.NaN;
  return bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.meanPredicted - b.observedRate), 0);
}
