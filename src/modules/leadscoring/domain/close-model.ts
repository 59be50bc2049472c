import {
  applyPlatt,
  brierScore,
  expectedCalibrationError,
  fitPlatt,
  type Platt,
  type ReliabilityBin,
  reliabilityBins,
  rocAuc,
} from './calibration.js';
import { FACTOR_IDS, type FactorId } from './factors.js';
import { fitLogistic, predictLogit, sigmoid } from './logistic.js';
import type { LeadScore } from './score.js';

/**
 * The close probability: a logistic regression per office on its own won and lost leads, the
 * features being each factor's share of its maximum (so the model learns what the office's
 * deals actually depended on), calibrated by Platt scaling on out-of-fold predictions.
 * Below MIN_OUTCOMES outcomes, or with too few of either kind, the documented prior stands in.
 */
export const MIN_OUTCOMES = 30;
export const MIN_PER_CLASS = 5;
const FOLDS = 5;
/** A 90 % interval on the log-odds scale. */
const Z_90 = 1.645;

export interface TrainedModel {
  kind: 'modell';
  weights: number[];
  covariance: number[][];
  platt: Platt;
  features: readonly FactorId[];
  outcomes: number;
  positives: number;
  /** Out-of-fold figures: how the model did on leads it had not seen. */
  brier: number;
  auc: number;
  ece: number;
  reliability: ReliabilityBin[];
  /** Brier score of always predicting the office's base rate. */
  baselineBrier: number;
}

export interface PriorModel {
  kind: 'prior';
  outcomes: number;
  positives: number;
}

export type CloseModel = TrainedModel | PriorModel;

export interface CloseProbability {
  probability: number;
  low: number;
  high: number;
  kind: 'modell' | 'prior';
}

export const featuresOf = (score: Pick<LeadScore, 'factors'>): number[] =>
  FACTOR_IDS.map((id) => {
    const f = score.factors.find((factor) => factor.id === id);
    return f && f.max > 0 ? f.points / f.max : 0;
  });

/**
 * Without the office's own outcomes: log-odds rise linearly with the rule score, from about
 * 2 % at 0 through 12 % at 50 to 50 % at 100. This is a stated assumption — purchase leads
 * of German brokers close at a few percent overall and far more often once financed and
 * viewing — not a measurement, so its interval is wide (±1.5 on the log-odds scale).
 */
export function priorProbability(ruleScore: number): CloseProbability {
  const z = -4 + 4 * (Math.min(100, Math.max(0, ruleScore)) / 100);
  return { probability: sigmoid(z), low: sigmoid(z - 1.5), high: sigmoid(z + 1.5), kind: 'prior' };
}

/**
 * No office's history justifies certainty: a lead is never 0 % or 100 % likely to close, however
 * cleanly its own won and lost leads separate (a small history separates easily).
 */
export const PROBABILITY_FLOOR = 0.01;
const bounded = (p: number) => Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, p));

export function predictClose(model: CloseModel, score: LeadScore): CloseProbability {
  if (model.kind === 'prior') return priorProbability(score.total);
  const { logit: z, standardError } = predictLogit(model, featuresOf(score));
  return {
    probability: bounded(applyPlatt(model.platt, z)),
    low: bounded(applyPlatt(model.platt, z - Z_90 * standardError)),
    high: bounded(applyPlatt(model.platt, z + Z_90 * standardError)),
    kind: 'modell',
  };
}

export interface Sample {
  features: number[];
  outcome: 0 | 1;
}

/** Deterministic fold of a sample: stratified by outcome, round robin, so every fold sees both kinds. */
function foldsOf(samples: readonly Sample[]): number[] {
  const counters = [0, 0];
  return samples.map((s) => counters[s.outcome]!++ % FOLDS);
}

export function trainCloseModel(samples: readonly Sample[]): CloseModel {
  const positives = samples.filter((s) => s.outcome === 1).length;
  const negatives = samples.length - positives;
  if (samples.length < MIN_OUTCOMES || positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS)
    return { kind: 'prior', outcomes: samples.length, positives };
  const fold = foldsOf(samples);
  const oofLogits = samples.map(() => 0);
  for (let k = 0; k < FOLDS; k++) {
    const train = samples.filter((_, i) => fold[i] !== k);
    const fit = fitLogistic(
      train.map((s) => s.features),
      train.map((s) => s.outcome),
    );
    samples.forEach((s, i) => {
      if (fold[i] === k) oofLogits[i] = predictLogit(fit, s.features).logit;
    });
  }
  const outcomes = samples.map((s) => s.outcome);
  const platt = fitPlatt(oofLogits, outcomes);
  const oofProbabilities = oofLogits.map((z) => applyPlatt(platt, z));
  const full = fitLogistic(
    samples.map((s) => s.features),
    outcomes,
  );
  const reliability = reliabilityBins(oofProbabilities, outcomes);
  const baseRate = positives / samples.length;
  return {
    kind: 'modell',
    weights: full.weights,
    covariance: full.covariance,
    platt,
    features: FACTOR_IDS,
    outcomes: samples.length,
    positives,
    brier: brierScore(oofProbabilities, outcomes),
    auc: rocAuc(oofProbabilities, outcomes),
    ece: expectedCalibrationError(reliability),
    reliability,
    baselineBrier: brierScore(
      samples.map(() => baseRate),
      outcomes,
    ),
  };
}
