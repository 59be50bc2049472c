import { describe, expect, it } from 'vitest';
import { syntheticOffice } from '../test/synthetic-office.js';
import { brierScore, expectedCalibrationError, reliabilityBins, rocAuc } from './calibration.js';
import { featuresOf, MIN_OUTCOMES, predictClose, priorProbability, trainCloseModel } from './close-model.js';
import { DEFAULT_WEIGHTS } from './factors.js';
import { scoreLead } from './score.js';

const scored = (count: number, seed: number) =>
  syntheticOffice(count, seed).map((lead) => ({
    lead,
    score: scoreLead(lead.facts, { weights: DEFAULT_WEIGHTS, halfLifeDays: 14, now: lead.now }),
  }));

describe('close probability on a synthetic office with a known truth', () => {
  // One office's history to learn from, and the next year's leads to judge it on.
  const history = scored(800, 11);
  const future = scored(800, 12);
  const model = trainCloseModel(
    history.map(({ lead, score }) => ({ features: featuresOf(score), outcome: lead.outcome })),
  );
  const outcomes = future.map(({ lead }) => lead.outcome);

  it('beats the rule score and a constant on AUC and Brier score, and is calibrated', () => {
    expect(model.kind).toBe('modell');
    const predicted = future.map(({ score }) => predictClose(model, score).probability);
    const rule = future.map(({ score }) => score.total);
    const rulePrior = future.map(({ score }) => priorProbability(score.total).probability);
    const baseRate = history.filter(({ lead }) => lead.outcome === 1).length / history.length;
    const figures = {
      modelAuc: rocAuc(predicted, outcomes),
      ruleAuc: rocAuc(rule, outcomes),
      truthAuc: rocAuc(
        future.map(({ lead }) => lead.trueProbability),
        outcomes,
      ),
      modelBrier: brierScore(predicted, outcomes),
      rulePriorBrier: brierScore(rulePrior, outcomes),
      constantBrier: brierScore(
        future.map(() => baseRate),
        outcomes,
      ),
      modelEce: expectedCalibrationError(reliabilityBins(predicted, outcomes)),
      rulePriorEce: expectedCalibrationError(reliabilityBins(rulePrior, outcomes)),
    };
    console.info('synthetic office (800 train / 800 test):', JSON.stringify(figures));
    expect(figures.modelAuc).toBeGreaterThan(figures.ruleAuc);
    expect(figures.modelAuc).toBeLessThanOrEqual(figures.truthAuc + 0.02);
    expect(figures.modelBrier).toBeLessThan(figures.rulePriorBrier);
    expect(figures.modelBrier).toBeLessThan(figures.constantBrier);
    expect(figures.modelEce).toBeLessThan(0.05);
  });

  it('reports out-of-fold figures that agree with the held-out ones', () => {
    if (model.kind !== 'modell') throw new Error('expected a trained model');
    const heldOut = brierScore(
      future.map(({ score }) => predictClose(model, score).probability),
      outcomes,
    );
    expect(Math.abs(model.brier - heldOut)).toBeLessThan(0.02);
    expect(model.brier).toBeLessThan(model.baselineBrier);
    expect(model.reliability.reduce((s, b) => s + b.count, 0)).toBe(800);
  });

  it('gives an interval that contains the probability and is wider with less data', () => {
    const small = trainCloseModel(
      history
        .slice(0, 120)
        .map(({ lead, score }) => ({ features: featuresOf(score), outcome: lead.outcome })),
    );
    const lead = future[0]!.score;
    const big = predictClose(model, lead);
    const few = predictClose(small, lead);
    expect(big.low).toBeLessThanOrEqual(big.probability);
    expect(big.high).toBeGreaterThanOrEqual(big.probability);
    expect(few.high - few.low).toBeGreaterThan(big.high - big.low);
  });

  it('never claims certainty, even when a small history separates perfectly', () => {
    // Financing alone decides every outcome here: an unbounded fit would say 0 % and 100 %.
    const separated = history.slice(0, 60).map(({ score }, i) => {
      const financed = i % 2 === 0;
      const features = featuresOf(score).map((f, k) => (k === 1 ? Number(financed) : f));
      return { features, outcome: (financed ? 1 : 0) as 0 | 1 };
    });
    const fitted = trainCloseModel(separated);
    expect(fitted.kind).toBe('modell');
    for (const { score } of future.slice(0, 50)) {
      const p = predictClose(fitted, score);
      expect(p.probability).toBeGreaterThanOrEqual(0.01);
      expect(p.probability).toBeLessThanOrEqual(0.99);
      expect(p.high).toBeLessThanOrEqual(0.99);
    }
  });

  it('falls back to the documented prior below the minimum of outcomes', () => {
    const few = trainCloseModel(
      history
        .slice(0, MIN_OUTCOMES - 1)
        .map(({ lead, score }) => ({ features: featuresOf(score), outcome: lead.outcome })),
    );
    expect(few.kind).toBe('prior');
    const p = predictClose(few, future[0]!.score);
    expect(p.kind).toBe('prior');
    expect(p).toEqual(priorProbability(future[0]!.score.total));
    expect(priorProbability(0).probability).toBeCloseTo(0.018, 3);
    expect(priorProbability(100).probability).toBeCloseTo(0.5, 3);
  });
});
