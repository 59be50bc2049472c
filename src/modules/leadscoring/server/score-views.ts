import type { ModelView, ScoreSummary } from '../contract.js';
import { type CloseModel, MIN_OUTCOMES, MIN_PER_CLASS } from '../domain/close-model.js';
import { FACTOR_IDS } from '../domain/factors.js';
import type { leadScore } from '../schema.js';

type ScoreRow = typeof leadScore.$inferSelect;

export const scoreSummaryOf = (row: ScoreRow): ScoreSummary => ({
  contactId: row.contactId,
  total: row.total,
  computedTotal: row.computedTotal,
  qualification: row.qualification,
  engagement: row.engagement,
  summary:
    row.overrideTotal !== null ? `${row.total}: manuell gesetzt – ${row.overrideReason ?? ''}` : row.summary,
  overridden: row.overrideTotal !== null,
  close: { probability: row.closeProbability, low: row.closeLow, high: row.closeHigh, kind: row.closeKind },
  computedAt: row.computedAt.toISOString(),
});

export function modelViewOf(model: CloseModel, trainedAt: Date | null): ModelView {
  const base = {
    trainedAt: trainedAt?.toISOString() ?? null,
    outcomes: model.outcomes,
    positives: model.positives,
    minOutcomes: MIN_OUTCOMES,
    minPerClass: MIN_PER_CLASS,
  };
  if (model.kind === 'prior')
    return {
      ...base,
      kind: 'prior',
      brier: null,
      baselineBrier: null,
      auc: null,
      ece: null,
      reliability: [],
      coefficients: [],
    };
  return {
    ...base,
    kind: 'modell',
    brier: model.brier,
    baselineBrier: model.baselineBrier,
    auc: Number.isFinite(model.auc) ? model.auc : null,
    ece: Number.isFinite(model.ece) ? model.ece : null,
    reliability: model.reliability,
    coefficients: FACTOR_IDS.map((id, i) => ({ id, weight: model.weights[i + 1] ?? 0 })),
  };
}
