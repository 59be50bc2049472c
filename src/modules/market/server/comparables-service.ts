import { inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type {
  ComparablesQuery,
  ComparablesResult,
  RateOverrides,
  RatesView,
  SourceView,
} from '../contract.js';
import { type AdjustmentRates, compareAll, FALLBACK_RATES, ratesFromModel } from '../domain/comparables.js';
import { ValuationInputError } from '../domain/decimal.js';
import { estimate, FEATURE_LABELS, type HedonicModel } from '../domain/hedonic.js';
import { CONDITION_GRADE_LABELS, type ConditionGrade, type Subject } from '../domain/observation.js';
import { vergleichswert } from '../domain/vergleichswert.js';
import { marketDataset } from '../schema.js';
import { hedonicModel } from './model-cache.js';
import { loadCandidates } from './records.js';

const toLn = (percent: number) => Math.log(1 + percent / 100);
const toPercent = (ln: number) => Math.round((Math.exp(ln) - 1) * 1000) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** The broker reads and sets rates in percent; the domain works with effects on ln(€/m²). */
export function applyOverrides(base: AdjustmentRates, o: RateOverrides): AdjustmentRates {
  const condition = { ...base.condition };
  for (const [grade, percent] of Object.entries(o.conditionPercent ?? {})) condition[grade] = toLn(percent);
  return {
    sizeElasticity: o.sizeElasticity ?? base.sizeElasticity,
    agePerYear: o.agePerYearPercent === undefined ? base.agePerYear : toLn(o.agePerYearPercent),
    condition,
    lakeView: o.lakeViewPercent === undefined ? base.lakeView : toLn(o.lakeViewPercent),
    shoreElasticity: o.shoreElasticity ?? base.shoreElasticity,
    groundFloor: o.groundFloorPercent === undefined ? base.groundFloor : toLn(o.groundFloorPercent),
    trendPerYear: o.trendPerYearPercent === undefined ? base.trendPerYear : toLn(o.trendPerYearPercent),
    asking: o.askingPercent === undefined ? base.asking : toLn(o.askingPercent),
  };
}

function ratesView(r: AdjustmentRates, origin: RatesView['origin']): RatesView {
  return {
    sizeElasticity: round3(r.sizeElasticity),
    agePerYearPercent: toPercent(r.agePerYear),
    lakeViewPercent: toPercent(r.lakeView),
    shoreElasticity: round3(r.shoreElasticity),
    groundFloorPercent: toPercent(r.groundFloor),
    trendPerYearPercent: toPercent(r.trendPerYear),
    askingPercent: toPercent(r.asking),
    conditionPercent: Object.fromEntries(Object.entries(r.condition).map(([g, v]) => [g, toPercent(v)])),
    origin,
  };
}

export function featureLabel(feature: string): string {
  const [kind, value] = feature.split(':') as [string, string | undefined];
  if (value === undefined) return FEATURE_LABELS[feature] ?? feature;
  if (kind === 'condition') return `Zustand ${CONDITION_GRADE_LABELS[value as ConditionGrade] ?? value}`;
  if (kind === 'town') return `Lage ${value}`;
  if (kind === 'type') return `Objektart ${value}`;
  return feature;
}

async function sourcesOf(tx: Tx, datasetIds: string[]): Promise<SourceView[]> {
  if (datasetIds.length === 0) return [];
  const rows = await tx.select().from(marketDataset).where(inArray(marketDataset.id, datasetIds));
  return rows.map((d) => ({
    name: d.name,
    source: d.source,
    licence: d.licence,
    licenceUrl: d.licenceUrl,
    demo: d.kind === 'demo',
  }));
}

function estimateView(model: HedonicModel, subject: Subject) {
  const e = estimate(model, subject);
  // Age enters linearly and squared; a broker reads one effect of age, so the two are combined.
  const factors = new Map<string, number>();
  for (const c of e.contributions) {
    const feature = c.feature === 'age_sq' ? 'age' : c.feature;
    factors.set(feature, (factors.get(feature) ?? 1) * (1 + c.percent / 100));
  }
  return {
    ...e,
    contributions: [...factors]
      .map(([feature, f]) => ({
        feature,
        label: featureLabel(feature),
        percent: Math.round((f - 1) * 1000) / 10,
      }))
      .filter((c) => Math.abs(c.percent) >= 0.5)
      .sort((a, b) => Math.abs(b.percent) - Math.abs(a.percent)),
  };
}

/**
 * Comparables with their adjustments, the Vergleichswert they give, and the hedonic estimate
 * beside it — two routes to a value that a broker can hold against each other.
 */
export async function runComparables(
  tx: Tx,
  tenantId: string,
  q: ComparablesQuery,
  options: { marktanpassung: number; besondereMerkmaleCents: number } = {
    marktanpassung: 1,
    besondereMerkmaleCents: 0,
  },
): Promise<ComparablesResult> {
  const subject: Subject = { ...q.subject };
  const [candidates, model] = await Promise.all([
    loadCandidates(tx, q),
    hedonicModel(tx, tenantId, subject.marketingType),
  ]);
  const subjectAge =
    subject.yearBuilt === null
      ? (model?.medianAge ?? 30)
      : Math.max(0, Number(subject.valuationDate.slice(0, 4)) - subject.yearBuilt);
  const base = model ? ratesFromModel(model, subjectAge) : FALLBACK_RATES;
  const rates = applyOverrides(base, q.rates);
  const { comparables, summary } = compareAll(candidates, subject, rates, q.limit);
  let vergleich: ComparablesResult['vergleichswert'] = null;
  let vergleichError: string | null = null;
  try {
    vergleich = vergleichswert(comparables, summary, subject.livingArea, options);
  } catch (error) {
    if (!(error instanceof ValuationInputError)) throw error;
    vergleichError = error.message;
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const datasetIds = new Set(comparables.map((c) => byId.get(c.observation.id)!.datasetId));
  return {
    candidates: candidates.length,
    comparables: comparables.map((c) => {
      const full = byId.get(c.observation.id)!;
      return { ...c, observation: { ...c.observation, datasetName: full.datasetName, own: full.own } };
    }),
    summary,
    rates: ratesView(rates, model ? 'modell' : 'standard'),
    vergleichswert: vergleich,
    vergleichswertError: vergleichError,
    estimate: model ? estimateView(model, subject) : null,
    sources: await sourcesOf(tx, [...datasetIds]),
  };
}
