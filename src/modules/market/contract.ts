import { z } from 'zod';
import { isoDate } from '../../platform/validation/iso-date.js';
import { CONDITIONS, OBJECT_TYPES } from '../crm/domain/property-enums.js';
import { IMPORT_FIELDS } from './domain/import-row.js';

const marketingType = z.enum(['kauf', 'miete']);
const priceKind = z.enum(['angebot', 'verkauf']);
const euroCents = z.number().int().min(0).max(1e13);
const signedCents = z.number().int().min(-1e13).max(1e13);

export const subjectInput = z.object({
  marketingType,
  objectType: z.enum(OBJECT_TYPES),
  city: z.string().trim().min(1).max(120),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{4,5}$/, 'Postleitzahl mit 4 oder 5 Ziffern angeben.'),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  livingArea: z.number().positive('Die Wohnfläche muss größer als 0 m² sein.').max(20_000),
  rooms: z.number().min(0.5).max(100).nullable().default(null),
  yearBuilt: z.number().int().min(1500).max(2100).nullable().default(null),
  condition: z.enum(CONDITIONS).nullable().default(null),
  floor: z.number().int().min(-2).max(100).nullable().default(null),
  lakeView: z.boolean().default(false),
  shoreDistanceM: z.number().int().min(0).max(200_000).nullable().default(null),
  valuationDate: isoDate,
});
export type SubjectInput = z.infer<typeof subjectInput>;

/** The subject as the CRM knows it; the living area may still be missing there. */
export const subjectPrefill = z.object({
  propertyId: z.string().uuid(),
  title: z.string(),
  externalId: z.string(),
  priceCents: z.number().nullable(),
  missing: z.array(z.string()),
  subject: subjectInput.extend({ livingArea: z.number().nullable() }),
});

/** Overrides of the adjustment rates, as a broker reads them: percent per unit. */
export const rateOverrides = z
  .object({
    sizeElasticity: z.number().min(-1).max(1),
    agePerYearPercent: z.number().min(-5).max(5),
    lakeViewPercent: z.number().min(-50).max(100),
    shoreElasticity: z.number().min(-1).max(1),
    groundFloorPercent: z.number().min(-50).max(50),
    trendPerYearPercent: z.number().min(-30).max(30),
    askingPercent: z.number().min(-30).max(50),
    conditionPercent: z.record(
      z.enum(['neuwertig', 'saniert', 'gepflegt', 'renovierungsbeduerftig']),
      z.number().min(-60).max(100),
    ),
  })
  .partial();
export type RateOverrides = z.infer<typeof rateOverrides>;

export const comparablesQuery = z
  .object({
    subject: subjectInput,
    radiusKm: z.number().min(0.1).max(100).nullable().default(10),
    /** A drawn area as [longitude, latitude] pairs; replaces the radius. */
    polygon: z
      .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
      .min(3)
      .max(500)
      .nullable()
      .default(null),
    livingAreaMin: z.number().min(0).max(20_000).nullable().default(null),
    livingAreaMax: z.number().min(0).max(20_000).nullable().default(null),
    roomsMin: z.number().min(0).max(100).nullable().default(null),
    roomsMax: z.number().min(0).max(100).nullable().default(null),
    yearBuiltMin: z.number().int().min(1500).max(2100).nullable().default(null),
    yearBuiltMax: z.number().int().min(1500).max(2100).nullable().default(null),
    conditions: z.array(z.enum(CONDITIONS)).max(20).default([]),
    priceKinds: z.array(priceKind).min(1).default(['verkauf', 'angebot']),
    /** Only prices observed on or after this day. */
    since: isoDate.nullable().default(null),
    limit: z.number().int().min(3).max(200).default(30),
    rates: rateOverrides.default({}),
    excludePropertyId: z.string().uuid().nullable().default(null),
  })
  .refine((q) => q.livingAreaMin === null || q.livingAreaMax === null || q.livingAreaMin <= q.livingAreaMax, {
    message: 'Die kleinste Wohnfläche ist größer als die größte.',
    path: ['livingAreaMin'],
  });
export type ComparablesQuery = z.infer<typeof comparablesQuery>;

export const ertragswertInput = z.object({
  verfahren: z.enum(['allgemein', 'vereinfacht']).default('allgemein'),
  jahresrohertragCents: euroCents,
  verwaltungskostenCents: euroCents,
  instandhaltungskostenCents: euroCents,
  mietausfallwagnisPercent: z.number().min(0).max(50),
  betriebskostenCents: euroCents.default(0),
  bodenwertCents: euroCents,
  liegenschaftszinsPercent: z.number().min(0).max(15),
  restnutzungsdauerYears: z.number().int().min(1).max(100),
  besondereMerkmaleCents: signedCents.default(0),
  factorDecimals: z.number().int().min(0).max(8).optional(),
});
export type ErtragswertRequest = z.infer<typeof ertragswertInput>;

export const sachwertInput = z.object({
  buildings: z
    .array(
      z.object({
        label: z.string().trim().min(1).max(80),
        nhk2010EuroPerSqm: z.number().positive().max(10_000),
        bruttoGrundflaecheSqm: z
          .number()
          .positive('Die Bruttogrundfläche muss größer als 0 m² sein.')
          .max(100_000),
        baupreisindex: z.number().positive().max(1000),
        regionalfaktor: z.number().positive().max(5).default(1),
        gesamtnutzungsdauerYears: z.number().int().min(10).max(120),
        restnutzungsdauerYears: z.number().int().min(0).max(120),
      }),
    )
    .min(1)
    .max(10),
  aussenanlagenCents: euroCents.default(0),
  bodenwertCents: euroCents,
  sachwertfaktor: z.number().positive().max(3),
  besondereMerkmaleCents: signedCents.default(0),
});
export type SachwertRequest = z.infer<typeof sachwertInput>;

const valuationStep = z.object({
  key: z.string(),
  label: z.string(),
  basis: z.string().nullable(),
  operation: z.enum(['', '+', '−', '×', '=']),
  value: z.number(),
  unit: z.enum(['cent', 'factor', 'percent', 'years', 'sqm', 'cent_per_sqm']),
  detail: z.string().nullable(),
});
export const valuationView = z.object({
  method: z.enum(['ertragswert', 'sachwert', 'vergleichswert']),
  valueCents: z.number(),
  steps: z.array(valuationStep),
  warnings: z.array(z.string()),
});
export type ValuationView = z.infer<typeof valuationView>;

export const observationView = z.object({
  id: z.string(),
  priceKind,
  marketingType,
  objectType: z.string(),
  city: z.string(),
  postalCode: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  livingArea: z.number(),
  rooms: z.number().nullable(),
  yearBuilt: z.number().nullable(),
  condition: z.string().nullable(),
  floor: z.number().nullable(),
  lakeView: z.boolean(),
  shoreDistanceM: z.number().nullable(),
  priceCents: z.number(),
  observedOn: z.string(),
});

export const comparableView = z.object({
  observation: observationView.extend({ datasetName: z.string(), own: z.boolean() }),
  distanceKm: z.number().nullable(),
  similarity: z.number(),
  differences: z.array(z.string()),
  pricePerSqmCents: z.number(),
  adjustments: z.array(
    z.object({ key: z.string(), label: z.string(), percent: z.number(), difference: z.string() }),
  ),
  adjustedPricePerSqmCents: z.number(),
  outlier: z.boolean(),
});
export type ComparableView = z.infer<typeof comparableView>;

export const summaryView = z.object({
  used: z.number(),
  outliers: z.number(),
  meanPerSqmCents: z.number().nullable(),
  lowPerSqmCents: z.number().nullable(),
  highPerSqmCents: z.number().nullable(),
  valueCents: z.number().nullable(),
  lowCents: z.number().nullable(),
  highCents: z.number().nullable(),
});

export const ratesView = z.object({
  sizeElasticity: z.number(),
  agePerYearPercent: z.number(),
  lakeViewPercent: z.number(),
  shoreElasticity: z.number(),
  groundFloorPercent: z.number(),
  trendPerYearPercent: z.number(),
  askingPercent: z.number(),
  conditionPercent: z.record(z.string(), z.number()),
  /** modell: from the office's hedonic model; standard: documented defaults (too little data). */
  origin: z.enum(['modell', 'standard']),
});
export type RatesView = z.infer<typeof ratesView>;

export const sourceView = z.object({
  name: z.string(),
  source: z.string(),
  licence: z.string(),
  licenceUrl: z.string().nullable(),
  demo: z.boolean(),
});
export type SourceView = z.infer<typeof sourceView>;

export const estimateView = z.object({
  pricePerSqmCents: z.number(),
  lowPerSqmCents: z.number(),
  highPerSqmCents: z.number(),
  priceCents: z.number(),
  lowCents: z.number(),
  highCents: z.number(),
  observations: z.number(),
  contributions: z.array(z.object({ feature: z.string(), label: z.string(), percent: z.number() })),
});
export type EstimateView = z.infer<typeof estimateView>;

export const comparablesResult = z.object({
  candidates: z.number(),
  comparables: z.array(comparableView),
  summary: summaryView,
  rates: ratesView,
  vergleichswert: valuationView.nullable(),
  vergleichswertError: z.string().nullable(),
  estimate: estimateView.nullable(),
  sources: z.array(sourceView),
});
export type ComparablesResult = z.infer<typeof comparablesResult>;

export const analysisInput = z.object({
  query: comparablesQuery,
  marktanpassung: z.number().positive().max(3).default(1),
  besondereMerkmaleCents: signedCents.default(0),
  ertragswert: ertragswertInput.nullable().default(null),
  sachwert: sachwertInput.nullable().default(null),
  inExpose: z.boolean().default(false),
});
export type AnalysisInput = z.infer<typeof analysisInput>;

export const analysisResult = z.object({
  comparables: comparablesResult,
  ertragswert: valuationView.nullable(),
  sachwert: valuationView.nullable(),
  computedAt: z.string(),
});
export type AnalysisResult = z.infer<typeof analysisResult>;

export const analysisView = z.object({
  propertyId: z.string().uuid(),
  input: analysisInput,
  result: analysisResult,
  inExpose: z.boolean(),
  updatedAt: z.string(),
});
export type AnalysisView = z.infer<typeof analysisView>;

export const datasetView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(['eigen', 'import', 'wettbewerb', 'demo']),
  source: z.string(),
  licence: z.string(),
  licenceUrl: z.string().nullable(),
  rowCount: z.number(),
  createdAt: z.string(),
});
export type DatasetView = z.infer<typeof datasetView>;

export const importInput = z.object({
  csv: z.string().min(1, 'Die Datei ist leer.').max(30_000_000, 'Die Datei ist größer als 30 MB.'),
  /** CSV column header per field; missing fields are guessed from the headers. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)).default({}),
  name: z.string().trim().min(1, 'Namen des Datensatzes angeben.').max(120),
  kind: z.enum(['import', 'wettbewerb']).default('import'),
  source: z.string().trim().min(1, 'Quelle angeben.').max(300),
  licence: z.string().trim().min(1, 'Lizenz angeben.').max(200),
  licenceUrl: z.string().url().max(500).nullable().default(null),
});
export type ImportInput = z.infer<typeof importInput>;
export const importPreviewInput = importInput.pick({ csv: true, mapping: true, kind: true });
export type ImportPreviewInput = z.infer<typeof importPreviewInput>;

export const importRowView = z.object({ line: z.number(), errors: z.array(z.string()) });
export const importPreview = z.object({
  columns: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  rows: z.number(),
  valid: z.number(),
  invalid: z.array(importRowView),
  /** What the import assumes for what the file does not say. */
  notes: z.array(z.string()),
  sample: z.array(observationView.omit({ id: true })),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const trendQuery = z.object({
  marketingType: marketingType.default('kauf'),
  objectType: z.enum(OBJECT_TYPES).default('wohnung'),
  city: z.string().trim().min(1).max(120).optional(),
  district: z.string().trim().min(1).max(120).optional(),
  period: z.enum(['quartal', 'jahr']).default('quartal'),
});
export type TrendQuery = z.infer<typeof trendQuery>;
export const trendPoint = z.object({
  period: z.string(),
  priceKind,
  count: z.number(),
  medianPerSqmCents: z.number(),
  q1PerSqmCents: z.number(),
  q3PerSqmCents: z.number(),
});
export const trendView = z.object({
  points: z.array(trendPoint),
  /** Towns with prices of this marketing and object type, for the picker. */
  cities: z.array(z.string()),
  sources: z.array(sourceView),
});
export type TrendView = z.infer<typeof trendView>;

export const demandQuery = z
  .object({
    marketingType: marketingType.default('kauf'),
    objectType: z.enum(OBJECT_TYPES).optional(),
    /** Price band in euros (purchase price, or cold rent per month). */
    priceMin: z.coerce.number().int().min(0).max(1e9).optional(),
    priceMax: z.coerce.number().int().min(0).max(1e9).optional(),
    /** Inquiries, viewings and offers of the last N days; search requests count while active. */
    days: z.coerce.number().int().min(7).max(1830).default(365),
  })
  .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMin <= q.priceMax, {
    message: 'Der Mindestpreis ist höher als der Höchstpreis.',
    path: ['priceMin'],
  });
export type DemandQuery = z.infer<typeof demandQuery>;
const demandCounts = z.object({
  searches: z.number(),
  inquiries: z.number(),
  viewings: z.number(),
  supply: z.number(),
});
export const demandView = z.object({
  areas: z.array(
    demandCounts.extend({
      postalCode: z.string(),
      town: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      demand: z.number(),
      demandPerOffer: z.number().nullable(),
    }),
  ),
  totals: demandCounts,
  unplaced: demandCounts,
  since: z.string(),
  /** A tile URL template when the server has a basemap configured; null draws points only. */
  tiles: z.object({ url: z.string(), attribution: z.string() }).nullable(),
  sources: z.array(sourceView),
});
export type DemandView = z.infer<typeof demandView>;

export const snapshotInput = z
  .object({
    /** An existing competitor feed; null starts a new one under `name`. */
    datasetId: z.string().uuid().nullable().default(null),
    name: z.string().trim().max(120).default(''),
    source: z.string().trim().max(300).default(''),
    licence: z.string().trim().max(200).default(''),
    licenceUrl: z.string().url().max(500).nullable().default(null),
    /** The feed as a CSV export of the listings … */
    csv: importInput.shape.csv.optional(),
    /** … or as an OpenImmo XML transfer of the whole stock. */
    openimmo: z
      .string()
      .min(1, 'Die Datei ist leer.')
      .max(30_000_000, 'Die Datei ist größer als 30 MB.')
      .optional(),
    mapping: importInput.shape.mapping,
    /** The day the feed showed this state; defaults to today. */
    observedOn: isoDate.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if ((v.csv === undefined) === (v.openimmo === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['csv'],
        message: 'Genau eine Datei angeben: CSV oder OpenImmo-XML.',
      });
    if (v.datasetId) return;
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Namen des Mitbewerbers angeben.' });
    if (!v.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'Quelle angeben.' });
    if (!v.licence) ctx.addIssue({ code: 'custom', path: ['licence'], message: 'Lizenz angeben.' });
  });
export type SnapshotInput = z.infer<typeof snapshotInput>;
export const snapshotResult = z.object({
  dataset: datasetView,
  observedOn: z.string(),
  created: z.number(),
  priceChanged: z.number(),
  withdrawn: z.number(),
  relisted: z.number(),
  unchanged: z.number(),
  /** Notifications sent about new listings close to the office's own. */
  alerts: z.number(),
});
export type SnapshotResult = z.infer<typeof snapshotResult>;

export const competitorView = z.object({
  dataset: datasetView,
  active: z.number(),
  withdrawn: z.number(),
  lastSnapshotOn: z.string().nullable(),
});
export const competitorListingView = z.object({
  id: z.string(),
  competitor: z.string(),
  externalRef: z.string(),
  marketingType,
  objectType: z.string(),
  city: z.string(),
  postalCode: z.string(),
  livingArea: z.number(),
  rooms: z.number().nullable(),
  priceCents: z.number(),
  firstPriceCents: z.number(),
  pricePerSqmCents: z.number(),
  firstSeenOn: z.string(),
  lastSeenOn: z.string(),
  withdrawnOn: z.string().nullable(),
  daysOnMarket: z.number(),
  priceChanges: z.number(),
});
export type CompetitorListingView = z.infer<typeof competitorListingView>;
export const competitorEventView = z.object({
  id: z.string(),
  kind: z.enum(['neu', 'preis', 'zurueckgezogen', 'wieder']),
  occurredOn: z.string(),
  oldPriceCents: z.number().nullable(),
  newPriceCents: z.number().nullable(),
  competitor: z.string(),
  externalRef: z.string(),
  city: z.string(),
  objectType: z.string(),
  livingArea: z.number(),
  daysOnMarket: z.number(),
});
export type CompetitorEventView = z.infer<typeof competitorEventView>;
export const competitorOverview = z.object({
  competitors: z.array(competitorView),
  listings: z.array(competitorListingView),
  events: z.array(competitorEventView),
});
export type CompetitorOverview = z.infer<typeof competitorOverview>;
export const competitorListingsQuery = z.object({
  datasetId: z.string().uuid().optional(),
  status: z.enum(['aktiv', 'zurueckgezogen', 'alle']).default('aktiv'),
});

export const pricePositionView = z.object({
  own: z.object({ priceCents: z.number(), livingArea: z.number(), pricePerSqmCents: z.number() }),
  radiusKm: z.number(),
  competitors: z.array(
    z.object({
      externalRef: z.string(),
      competitor: z.string(),
      city: z.string(),
      livingArea: z.number(),
      pricePerSqmCents: z.number(),
      distanceKm: z.number().nullable(),
      daysOnMarket: z.number(),
    }),
  ),
  /** Share of the competing offers cheaper per m² than the own listing (0–100). */
  percentile: z.number().nullable(),
  medianPerSqmCents: z.number().nullable(),
});
export type PricePositionView = z.infer<typeof pricePositionView>;
