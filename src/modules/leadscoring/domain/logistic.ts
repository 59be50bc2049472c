import { dot, invert } from '../../../platform/math/matrix.js';

/**
 * Logistic regression fitted by Newton–Raphson (iteratively reweighted least squares) with an
 * L2 penalty on every weight but the intercept. A dozen features and a few thousand leads at
 * most: exact second-order steps converge in a handful of iterations and need no tuning, and
 * the inverse Hessian they leave behind is the weights' covariance, which the uncertainty of a
 * prediction comes from (Laplace approximation).
 */

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

export interface LogisticFit {
  /** Intercept first, then one weight per feature. */
  weights: number[];
  /** Inverse of the penalised Hessian at the optimum: the weights' approximate covariance. */
  covariance: number[][];
  iterations: number;
}

const withIntercept = (x: readonly number[]) => [1, ...x];

export function fitLogistic(
  features: readonly (readonly number[])[],
  outcomes: readonly (0 | 1)[],
  options: { l2?: number; maxIterations?: number } = {},
): LogisticFit {
  const l2 = options.l2 ?? 1;
  const rows = features.map(withIntercept);
  const d = rows[0]?.length ?? 1;
  let weights = Array.from({ length: d }, () => 0);
  let covariance: number[][] = [];
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 50); iterations++) {
    const gradient = weights.map((w, j) => (j === 0 ? 0 : l2 * w));
    const hessian = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => (i === j && i > 0 ? l2 : 0)),
    );
    rows.forEach((x, i) => {
      const p = sigmoid(dot(weights, x));
      const r = p - (outcomes[i] ?? 0);
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        gradient[a]! += r * x[a]!;
        for (let b = a; b < d; b++) hessian[a]![b]! += s * x[a]! * x[b]!;
      }
    });
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hessian[a]![b] = hessian[b]![a]!;
    covariance = invert(hessian);
    const step = covariance.map((row) => dot(row, gradient));
    weights = weights.map((w, j) => w - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { weights, covariance, iterations };
}

/** The linear predictor (log-odds) and its standard error for one lead. */
export function predictLogit(fit: Pick<LogisticFit, 'weights' | 'covariance'>, x: readonly number[]) {
  const v = withIntercept(x);
  const z = dot(fit.weights, v);
  const variance =
    fit.covariance.length > 0
      ? dot(
          v,
          fit.covariance.map((row) => dot(row, v)),
        )
      : 0;
  return { logit: z, standardError: Math.sqrt(Math.max(0, variance)) };
}
