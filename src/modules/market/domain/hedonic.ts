import { dot, invert } from '../../../platform/math/matrix.js';
import {
  type ConditionGrade,
  conditionGrade,
  type Observation,
  type Subject,
  yearsBetween,
} from './observation.js';

/**
 * A hedonic price model: ln(€/m²) as a linear function of the property's traits, fitted by
 * least squares with a small ridge penalty. Its coefficients double as the comparables'
 * adjustment rates, so the statistical estimate and the comparison approach price a lake view
 * or ten years of age the same way.
 */
export interface HedonicModel {
  marketingType: 'kauf' | 'miete';
  features: string[];
  coefficients: number[];
  /** (X'X + λI)⁻¹ times the residual variance gives the coefficients' covariance. */
  xtxInverse: number[][];
  residualVariance: number;
  degreesOfFreedom: number;
  /** Town levels, the first the base; smaller towns share the base level. */
  towns: string[];
  objectTypes: string[];
  referenceDate: string;
  medianAge: number;
  medianShoreKm: number;
  observations: number;
}

export interface HedonicEstimate {
  /** Median price per m² and total, with a 90 % prediction interval, in cents. */
  pricePerSqmCents: number;
  lowPerSqmCents: number;
  highPerSqmCents: number;
  priceCents: number;
  lowCents: number;
  highCents: number;
  observations: number;
  /** Each trait's effect on the estimate against the market's typical property, in percent. */
  contributions: { feature: string; percent: number }[];
}

const MIN_TOWN_OBSERVATIONS = 15;
/** "gepflegt" is the base level the others are priced against. */
const GRADE_DUMMIES: readonly ConditionGrade[] = ['neuwertig', 'saniert', 'renovierungsbeduerftig'];
/** The market's typical property the contributions are measured against. */
const TYPICAL_AREA = 90;
const RIDGE = 1e-3;
/** Two-sided 90 % normal quantile; with hundreds of observations Student's t is the same to 3 digits. */
const Z90 = 1.6449;

export const FEATURE_LABELS: Record<string, string> = {
  intercept: 'Grundniveau',
  ln_area: 'Wohnfläche',
  age: 'Gebäudealter',
  age_sq: 'Gebäudealter (quadratisch)',
  lake_view: 'Seeblick',
  ln_shore_km: 'Entfernung zum Ufer',
  ground_floor: 'Erdgeschoss',
  upper_floor: '3. OG und höher',
  years: 'Marktentwicklung',
  asking: 'Angebots- statt Kaufpreis',
};

function ageOf(o: { yearBuilt: number | null }, on: string, fallback: number): number {
  if (o.yearBuilt === null) return fallback;
  return Math.min(150, Math.max(0, Number(on.slice(0, 4)) - o.yearBuilt));
}
const shoreKm = (m: number | null, fallback: number) => (m === null ? fallback : m / 1000);

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

type Traits = Partial<Pick<Observation, 'priceKind'>> &
  Pick<
    Observation,
    'livingArea' | 'yearBuilt' | 'condition' | 'floor' | 'lakeView' | 'shoreDistanceM' | 'city' | 'objectType'
  >;

function encode(
  model: Pick<HedonicModel, 'towns' | 'objectTypes' | 'referenceDate' | 'medianAge' | 'medianShoreKm'>,
  o: Traits,
  on: string,
): number[] {
  const age = ageOf(o, on, model.medianAge);
  const grade = conditionGrade(o.condition);
  const x = [
    1,
    Math.log(o.livingArea),
    age / 10,
    (age / 10) ** 2,
    o.lakeView ? 1 : 0,
    Math.log(shoreKm(o.shoreDistanceM, model.medianShoreKm) + 0.1),
    o.objectType === 'wohnung' && o.floor === 0 ? 1 : 0,
    o.objectType === 'wohnung' && (o.floor ?? 0) >= 3 ? 1 : 0,
    yearsBetween(model.referenceDate, on),
    // A subject has no price kind: its estimate is a sale price, not an asking price.
    o.priceKind === 'angebot' ? 1 : 0,
  ];
  for (const g of GRADE_DUMMIES) x.push(grade === g ? 1 : 0);
  for (const t of model.towns.slice(1)) x.push(o.city === t ? 1 : 0);
  for (const t of model.objectTypes.slice(1)) x.push(o.objectType === t ? 1 : 0);
  return x;
}

function featureNames(towns: string[], objectTypes: string[]): string[] {
  return [
    'intercept',
    'ln_area',
    'age',
    'age_sq',
    'lake_view',
    'ln_shore_km',
    'ground_floor',
    'upper_floor',
    'years',
    'asking',
    ...GRADE_DUMMIES.map((g) => `condition:${g}`),
    ...towns.slice(1).map((t) => `town:${t}`),
    ...objectTypes.slice(1).map((t) => `type:${t}`),
  ];
}

/** Needs a few observations per coefficient; below that the estimate would be noise. */
export const MIN_OBSERVATIONS = 40;

export function fitHedonic(
  observations: readonly Observation[],
  marketingType: 'kauf' | 'miete',
): HedonicModel | null {
  const data = observations.filter(
    (o) => o.marketingType === marketingType && o.livingArea > 0 && o.priceCents > 0,
  );
  if (data.length < MIN_OBSERVATIONS) return null;
  const townCounts = new Map<string, number>();
  for (const o of data) townCounts.set(o.city, (townCounts.get(o.city) ?? 0) + 1);
  // The biggest town is the base level; small towns share it rather than get a noisy level of their own.
  const towns = [...townCounts]
    .filter(([, n]) => n >= MIN_TOWN_OBSERVATIONS)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t);
  const typeCounts = new Map<string, number>();
  for (const o of data) typeCounts.set(o.objectType, (typeCounts.get(o.objectType) ?? 0) + 1);
  const objectTypes = [...typeCounts]
    .filter(([, n]) => n >= MIN_TOWN_OBSERVATIONS)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t);
  const referenceDate = data.map((o) => o.observedOn).sort()[0]!;
  const base = {
    towns: towns.length ? towns : [data[0]!.city],
    objectTypes: objectTypes.length ? objectTypes : [data[0]!.objectType],
    referenceDate,
    medianAge: median(data.filter((o) => o.yearBuilt !== null).map((o) => ageOf(o, o.observedOn, 0))),
    medianShoreKm: median(data.filter((o) => o.shoreDistanceM !== null).map((o) => o.shoreDistanceM! / 1000)),
  };
  const X = data.map((o) => encode(base, o, o.observedOn));
  const y = data.map((o) => Math.log(o.priceCents / o.livingArea));
  const k = X[0]!.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let r = 0; r < X.length; r++) {
    const row = X[r]!;
    for (let i = 0; i < k; i++) {
      xty[i]! += row[i]! * y[r]!;
      for (let j = i; j < k; j++) xtx[i]![j]! += row[i]! * row[j]!;
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) xtx[i]![j] = xtx[j]![i]!;
    if (i > 0) xtx[i]![i]! += RIDGE * X.length;
  }
  const inv = invert(xtx);
  const coefficients = inv.map((row) => dot(row, xty));
  let rss = 0;
  for (let r = 0; r < X.length; r++) rss += (y[r]! - dot(coefficients, X[r]!)) ** 2;
  const dof = Math.max(1, X.length - k);
  return {
    marketingType,
    features: featureNames(base.towns, base.objectTypes),
    coefficients,
    xtxInverse: inv,
    residualVariance: rss / dof,
    degreesOfFreedom: dof,
    ...base,
    observations: data.length,
  };
}

const toCents = (v: number) => Math.round(v);

export function estimate(model: HedonicModel, subject: Subject): HedonicEstimate {
  const x = encode(model, subject, subject.valuationDate);
  const mean = dot(model.coefficients, x);
  const leverage = dot(
    x,
    model.xtxInverse.map((row) => dot(row, x)),
  );
  const se = Math.sqrt(model.residualVariance * (1 + leverage));
  const perSqm = Math.exp(mean);
  const typical = encode(
    model,
    {
      livingArea: TYPICAL_AREA,
      yearBuilt: null,
      condition: null,
      floor: 1,
      lakeView: false,
      shoreDistanceM: null,
      city: model.towns[0]!,
      objectType: model.objectTypes[0]!,
    },
    subject.valuationDate,
  );
  const contributions = model.features
    .map((feature, i) => ({
      feature,
      percent: (Math.exp(model.coefficients[i]! * (x[i]! - typical[i]!)) - 1) * 100,
    }))
    .filter((c) => c.feature !== 'intercept' && Math.abs(c.percent) >= 0.5);
  return {
    pricePerSqmCents: toCents(perSqm),
    lowPerSqmCents: toCents(Math.exp(mean - Z90 * se)),
    highPerSqmCents: toCents(Math.exp(mean + Z90 * se)),
    priceCents: toCents(perSqm * subject.livingArea),
    lowCents: toCents(Math.exp(mean - Z90 * se) * subject.livingArea),
    highCents: toCents(Math.exp(mean + Z90 * se) * subject.livingArea),
    observations: model.observations,
    contributions,
  };
}

/** The coefficient of a named feature, 0 when the model has none. */
export const coefficient = (model: HedonicModel, feature: string): number => {
  const i = model.features.indexOf(feature);
  return i < 0 ? 0 : model.coefficients[i]!;
};
