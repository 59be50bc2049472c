import { coefficient, type HedonicModel } from './hedonic.js';
import {
  CONDITION_GRADE_LABELS,
  CONDITION_GRADES,
  conditionGrade,
  distanceKm,
  type Observation,
  pricePerSqm,
  type Subject,
  yearsBetween,
} from './observation.js';

/**
 * Adjustment rates as effects on ln(€/m²): a comparable's price per m² is moved to the
 * subject's traits by exp(Σ rate × (subject − comparable)). They default to the office's hedonic
 * model; a broker may overwrite any of them and sees the range move.
 */
export interface AdjustmentRates {
  /** d ln(€/m²) / d ln(area): bigger homes cost less per m². */
  sizeElasticity: number;
  /** Per year of building age (linearised around the subject's age). */
  agePerYear: number;
  /** Per condition grade, relative to "gepflegt". */
  condition: Record<string, number>;
  lakeView: number;
  /** Per unit of ln(km + 0.1) distance to the shore. */
  shoreElasticity: number;
  groundFloor: number;
  /** Market movement per year, to bring older prices to the valuation date. */
  trendPerYear: number;
  /** How far asking prices sit above sale prices; a sale price is what is being estimated. */
  asking: number;
}

/** Used when the office has too little data for its own model; moderate, documented guesses. */
export const FALLBACK_RATES: AdjustmentRates = {
  sizeElasticity: -0.15,
  agePerYear: -0.004,
  condition: { neuwertig: 0.12, saniert: 0.06, gepflegt: 0, renovierungsbeduerftig: -0.15 },
  lakeView: 0.12,
  shoreElasticity: -0.05,
  groundFloor: -0.03,
  trendPerYear: 0,
  asking: 0.05,
};

export function ratesFromModel(model: HedonicModel, subjectAge: number): AdjustmentRates {
  const a = coefficient(model, 'age') / 10;
  const a2 = coefficient(model, 'age_sq') / 100;
  return {
    sizeElasticity: coefficient(model, 'ln_area'),
    // The derivative of a·age + a2·age² at the subject's age: the quadratic age curve, locally.
    agePerYear: a + 2 * a2 * subjectAge,
    condition: Object.fromEntries(CONDITION_GRADES.map((g) => [g, coefficient(model, `condition:${g}`)])),
    lakeView: coefficient(model, 'lake_view'),
    shoreElasticity: coefficient(model, 'ln_shore_km'),
    groundFloor: coefficient(model, 'ground_floor'),
    trendPerYear: coefficient(model, 'years'),
    asking: coefficient(model, 'asking'),
  };
}

export interface Adjustment {
  key: 'preisart' | 'zeit' | 'groesse' | 'alter' | 'zustand' | 'seeblick' | 'ufer' | 'etage';
  label: string;
  /** Effect on the comparable's price per m², in percent. */
  percent: number;
  /** What differs, in words: "98 m² statt 120 m²". */
  difference: string;
}

export interface Comparable {
  observation: Observation;
  distanceKm: number | null;
  similarity: number;
  differences: string[];
  pricePerSqmCents: number;
  adjustments: Adjustment[];
  adjustedPricePerSqmCents: number;
  /** Left out of the mean as an outlier (more than two standard deviations away). */
  outlier: boolean;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('de-DE', { maximumFractionDigits: digits });
const shoreTerm = (m: number | null) => (m === null ? null : Math.log(m / 1000 + 0.1));

function adjustmentsFor(o: Observation, subject: Subject, rates: AdjustmentRates): Adjustment[] {
  const out: Adjustment[] = [];
  const push = (key: Adjustment['key'], label: string, ln: number, difference: string) => {
    if (Math.abs(ln) >= 1e-6) out.push({ key, label, percent: (Math.exp(ln) - 1) * 100, difference });
  };
  if (o.priceKind === 'angebot')
    push('preisart', 'Angebotspreis', -rates.asking, 'Angebots- statt Kaufpreis');
  const years = yearsBetween(o.observedOn, subject.valuationDate);
  push('zeit', 'Marktentwicklung', rates.trendPerYear * years, `${fmt(years, 1)} Jahre vor dem Stichtag`);
  push(
    'groesse',
    'Wohnfläche',
    rates.sizeElasticity * Math.log(subject.livingArea / o.livingArea),
    `${fmt(o.livingArea)} m² statt ${fmt(subject.livingArea)} m²`,
  );
  if (o.yearBuilt !== null && subject.yearBuilt !== null) {
    push(
      'alter',
      'Baujahr',
      rates.agePerYear * (o.yearBuilt - subject.yearBuilt),
      `Baujahr ${o.yearBuilt} statt ${subject.yearBuilt}`,
    );
  }
  const gs = conditionGrade(subject.condition);
  const go = conditionGrade(o.condition);
  push(
    'zustand',
    'Zustand',
    (rates.condition[gs] ?? 0) - (rates.condition[go] ?? 0),
    `${CONDITION_GRADE_LABELS[go]} statt ${CONDITION_GRADE_LABELS[gs]}`,
  );
  if (subject.lakeView !== o.lakeView) {
    push(
      'seeblick',
      'Seeblick',
      rates.lakeView * (subject.lakeView ? 1 : -1),
      o.lakeView ? 'mit Seeblick' : 'ohne Seeblick',
    );
  }
  const ss = shoreTerm(subject.shoreDistanceM);
  const so = shoreTerm(o.shoreDistanceM);
  if (ss !== null && so !== null) {
    push(
      'ufer',
      'Entfernung zum Ufer',
      rates.shoreElasticity * (ss - so),
      `${fmt(o.shoreDistanceM!)} m statt ${fmt(subject.shoreDistanceM!)} m zum Ufer`,
    );
  }
  if (subject.objectType === 'wohnung' && o.objectType === 'wohnung') {
    const g = (f: number | null) => (f === 0 ? 1 : 0);
    push(
      'etage',
      'Etage',
      rates.groundFloor * (g(subject.floor) - g(o.floor)),
      o.floor === 0 ? 'Erdgeschoss' : `${o.floor ?? '?'}. Etage`,
    );
  }
  return out;
}

/**
 * How alike two properties are, 100 for twins: distance, size, rooms, age, condition, date and
 * lake view each add a penalty scaled to what a broker would call "noticeably different".
 */
function similarityOf(
  o: Observation,
  subject: Subject,
  km: number | null,
): { similarity: number; differences: string[] } {
  const differences: string[] = [];
  let d = 0;
  if (km !== null) {
    d += km / 3;
    if (km >= 0.5) differences.push(`${fmt(km, 1)} km entfernt`);
  }
  const areaRatio = Math.abs(Math.log(o.livingArea / subject.livingArea));
  d += areaRatio / 0.2;
  if (areaRatio >= 0.05)
    differences.push(
      `${o.livingArea > subject.livingArea ? '+' : '−'}${fmt(Math.abs(o.livingArea - subject.livingArea))} m²`,
    );
  if (o.rooms !== null && subject.rooms !== null && o.rooms !== subject.rooms) {
    d += Math.abs(o.rooms - subject.rooms) / 2;
    differences.push(`${fmt(o.rooms, 1)} statt ${fmt(subject.rooms, 1)} Zimmer`);
  }
  if (o.yearBuilt !== null && subject.yearBuilt !== null && o.yearBuilt !== subject.yearBuilt) {
    d += Math.abs(o.yearBuilt - subject.yearBuilt) / 30;
    if (Math.abs(o.yearBuilt - subject.yearBuilt) >= 5) differences.push(`Baujahr ${o.yearBuilt}`);
  }
  const gi = (c: string | null) => CONDITION_GRADES.indexOf(conditionGrade(c));
  const gd = Math.abs(gi(o.condition) - gi(subject.condition));
  if (gd) {
    d += gd / 2;
    differences.push(CONDITION_GRADE_LABELS[conditionGrade(o.condition)]);
  }
  const years = Math.abs(yearsBetween(o.observedOn, subject.valuationDate));
  d += years / 3;
  if (o.lakeView !== subject.lakeView) {
    d += 0.5;
    differences.push(o.lakeView ? 'mit Seeblick' : 'ohne Seeblick');
  }
  if (o.objectType !== subject.objectType) d += 1;
  return { similarity: Math.round(100 * Math.exp(-d / 3)), differences };
}

export interface ComparablesSummary {
  used: number;
  outliers: number;
  meanPerSqmCents: number | null;
  lowPerSqmCents: number | null;
  highPerSqmCents: number | null;
  valueCents: number | null;
  lowCents: number | null;
  highCents: number | null;
}

function weightedQuantile(values: { v: number; w: number }[], q: number): number {
  const sorted = [...values].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((s, x) => s + x.w, 0);
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    if (acc >= q * total) return x.v;
  }
  return sorted[sorted.length - 1]!.v;
}

/**
 * Scores and adjusts every candidate, keeps the `limit` most similar, and derives the range:
 * outliers beyond two standard deviations of the adjusted prices are set aside (as appraisers
 * do before averaging), the rest give a similarity-weighted mean and a 10–90 % band.
 */
export function compareAll(
  candidates: readonly Observation[],
  subject: Subject,
  rates: AdjustmentRates,
  limit = 50,
): { comparables: Comparable[]; summary: ComparablesSummary } {
  const scored = candidates.map((o) => {
    const km =
      o.latitude !== null && o.longitude !== null && subject.latitude !== null && subject.longitude !== null
        ? distanceKm(subject.latitude, subject.longitude, o.latitude, o.longitude)
        : null;
    const { similarity, differences } = similarityOf(o, subject, km);
    return { o, km, similarity, differences };
  });
  scored.sort((a, b) => b.similarity - a.similarity || a.o.id.localeCompare(b.o.id));
  const comparables: Comparable[] = scored.slice(0, limit).map(({ o, km, similarity, differences }) => {
    const adjustments = adjustmentsFor(o, subject, rates);
    const base = pricePerSqm(o);
    const factor = adjustments.reduce((f, a) => f * (1 + a.percent / 100), 1);
    return {
      observation: o,
      distanceKm: km === null ? null : Math.round(km * 100) / 100,
      similarity,
      differences,
      pricePerSqmCents: Math.round(base),
      adjustments,
      adjustedPricePerSqmCents: Math.round(base * factor),
      outlier: false,
    };
  });
  const values = comparables.map((c) => c.adjustedPricePerSqmCents);
  if (values.length >= 4) {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    for (const c of comparables) c.outlier = sd > 0 && Math.abs(c.adjustedPricePerSqmCents - mean) > 2 * sd;
  }
  const kept = comparables.filter((c) => !c.outlier);
  if (kept.length === 0) {
    return {
      comparables,
      summary: {
        used: 0,
        outliers: 0,
        meanPerSqmCents: null,
        lowPerSqmCents: null,
        highPerSqmCents: null,
        valueCents: null,
        lowCents: null,
        highCents: null,
      },
    };
  }
  const weighted = kept.map((c) => ({ v: c.adjustedPricePerSqmCents, w: Math.max(1, c.similarity) }));
  const totalW = weighted.reduce((s, x) => s + x.w, 0);
  const mean = Math.round(weighted.reduce((s, x) => s + x.v * x.w, 0) / totalW);
  const low = weightedQuantile(weighted, 0.1);
  const high = weightedQuantile(weighted, 0.9);
  return {
    comparables,
    summary: {
      used: kept.length,
      outliers: comparables.length - kept.length,
      meanPerSqmCents: mean,
      lowPerSqmCents: low,
      highPerSqmCents: high,
      valueCents: Math.round(mean * subject.livingArea),
      lowCents: Math.round(low * subject.livingArea),
      highCents: Math.round(high * subject.livingArea),
    },
  };
}
