import { estimate, fitHedonic } from './hedonic.js';
import type { Observation } from './observation.js';

export interface AccuracyReport {
  marketingType: 'kauf' | 'miete';
  train: number;
  test: number;
  /** Mean absolute percentage error of the total price. */
  modelMape: number;
  baselineMape: number;
  /** Share of test prices inside the 90 % prediction interval. */
  coverage90: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Out-of-sample error of the hedonic model against the naive baseline a broker would use
 * without it — the median €/m² of the same town and marketing type times the living area.
 * The newest `testShare` of sales are held out (a model is always asked about the future),
 * asking prices stay in training only, since the estimate is a sale price.
 */
export function hedonicAccuracy(
  all: readonly Observation[],
  marketingType: 'kauf' | 'miete',
  testShare = 0.2,
): AccuracyReport | null {
  const data = all
    .filter((o) => o.marketingType === marketingType)
    .sort((a, b) => a.observedOn.localeCompare(b.observedOn));
  const cut = Math.floor(data.length * (1 - testShare));
  const train = data.slice(0, cut);
  const test = data.slice(cut).filter((o) => o.priceKind === 'verkauf');
  const model = fitHedonic(train, marketingType);
  if (!model || test.length === 0) return null;
  const perTown = new Map<string, number[]>();
  for (const o of train)
    if (o.priceKind === 'verkauf')
      perTown.set(o.city, [...(perTown.get(o.city) ?? []), o.priceCents / o.livingArea]);
  const overall = median(
    train.filter((o) => o.priceKind === 'verkauf').map((o) => o.priceCents / o.livingArea),
  );
  let modelErr = 0;
  let baseErr = 0;
  let covered = 0;
  for (const o of test) {
    const e = estimate(model, { ...o, valuationDate: o.observedOn });
    const townPrices = perTown.get(o.city);
    const naive = (townPrices && townPrices.length >= 5 ? median(townPrices) : overall) * o.livingArea;
    modelErr += Math.abs(e.priceCents - o.priceCents) / o.priceCents;
    baseErr += Math.abs(naive - o.priceCents) / o.priceCents;
    if (o.priceCents >= e.lowCents && o.priceCents <= e.highCents) covered++;
  }
  return {
    marketingType,
    train: train.length,
    test: test.length,
    modelMape: modelErr / test.length,
    baselineMape: baseErr / test.length,
    coverage90: covered / test.length,
  };
}
