import { z } from 'zod';
import { FACTOR_IDS, type FactorId, MAX_WEIGHT } from './domain/factors.js';
import { EVENT_KINDS } from './domain/lead-facts.js';
import { BUILTIN_SEGMENTS } from './domain/segments.js';

const factorId = z.enum(FACTOR_IDS as [FactorId, ...FactorId[]]);

export const closeView = z.object({
  probability: z.number(),
  low: z.number(),
  high: z.number(),
  /** `prior`: the documented assumption, the office has too few outcomes of its own yet. */
  kind: z.enum(['modell', 'prior']),
});
export type CloseView = z.infer<typeof closeView>;

export const scoreSummary = z.object({
  contactId: z.string().uuid(),
  total: z.number().int(),
  computedTotal: z.number().int(),
  qualification: z.number().int(),
  engagement: z.number().int(),
  summary: z.string(),
  overridden: z.boolean(),
  close: closeView,
  computedAt: z.string(),
});
export type ScoreSummary = z.infer<typeof scoreSummary>;

export const factorView = z.object({
  id: factorId,
  points: z.number(),
  max: z.number(),
  weight: z.number(),
  reason: z.string(),
});

export const qualificationInput = z.object({
  financingConfirmed: z.boolean(),
  financingNote: z.string().trim().max(500).default(''),
  equityCents: z.number().int().min(0).max(1e13).nullable(),
  netIncomeMonthlyCents: z.number().int().min(0).max(1e11).nullable(),
  expensesMonthlyCents: z.number().int().min(0).max(1e11).nullable(),
});
export type QualificationInput = z.infer<typeof qualificationInput>;

export const qualificationView = qualificationInput.extend({
  financingConfirmedAt: z.string().nullable(),
  buyingPowerCents: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export type QualificationView = z.infer<typeof qualificationView>;

export const leadEventView = z.object({
  kind: z.enum(EVENT_KINDS),
  occurredAt: z.string(),
  propertyId: z.string().nullable(),
  propertyTitle: z.string().nullable(),
  value: z.number().nullable(),
  machine: z.boolean(),
  source: z.string(),
});
export type LeadEventView = z.infer<typeof leadEventView>;

export const scoreCard = z.object({
  score: scoreSummary.nullable(),
  factors: z.array(factorView),
  override: z
    .object({ total: z.number().int(), reason: z.string(), by: z.string().nullable(), at: z.string() })
    .nullable(),
  history: z.array(
    z.object({ day: z.string(), total: z.number(), qualification: z.number(), engagement: z.number() }),
  ),
  qualification: qualificationView,
  events: z.array(leadEventView),
  tracking: z.object({ consentedVisitors: z.number().int(), consentSince: z.string().nullable() }),
});
export type ScoreCard = z.infer<typeof scoreCard>;

export const overrideInput = z.object({
  total: z
    .number()
    .int()
    .min(0, 'Der Score liegt zwischen 0 und 100.')
    .max(100, 'Der Score liegt zwischen 0 und 100.'),
  reason: z.string().trim().min(3, 'Bitte kurz begründen, warum der Score manuell gesetzt wird.').max(300),
});

export const hotLead = z.object({
  contactId: z.string().uuid(),
  displayName: z.string(),
  leadStatus: z.string(),
  total: z.number().int(),
  summary: z.string(),
  close: closeView,
  /** Points gained over the last 7 days (0 when the score is new). */
  trend: z.number().int(),
  lastSignalAt: z.string().nullable(),
});
export type HotLead = z.infer<typeof hotLead>;

export const settingsView = z.object({
  weights: z.record(factorId, z.number().min(0).max(MAX_WEIGHT)),
  halfLifeDays: z.number().int().min(1).max(365),
  retentionDays: z.number().int().min(7).max(730),
});
export type SettingsView = z.infer<typeof settingsView>;

export const settingsInput = z.object({
  weights: z.partialRecord(
    factorId,
    z
      .number()
      .min(0, 'Gewichte liegen zwischen 0 und 3.')
      .max(MAX_WEIGHT, 'Gewichte liegen zwischen 0 und 3.'),
  ),
  halfLifeDays: z.number().int().min(1, 'Mindestens 1 Tag.').max(365, 'Höchstens 365 Tage.'),
  retentionDays: z.number().int().min(7, 'Mindestens 7 Tage.').max(730, 'Höchstens 730 Tage (2 Jahre).'),
});
export type SettingsInput = z.infer<typeof settingsInput>;

export const modelView = z.object({
  kind: z.enum(['modell', 'prior']),
  trainedAt: z.string().nullable(),
  outcomes: z.number().int(),
  positives: z.number().int(),
  minOutcomes: z.number().int(),
  minPerClass: z.number().int(),
  brier: z.number().nullable(),
  baselineBrier: z.number().nullable(),
  auc: z.number().nullable(),
  ece: z.number().nullable(),
  reliability: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      count: z.number(),
      meanPredicted: z.number(),
      observedRate: z.number(),
    }),
  ),
  /** The trained weight of each factor on the log-odds scale, for "what drives our deals". */
  coefficients: z.array(z.object({ id: factorId, weight: z.number() })),
});
export type ModelView = z.infer<typeof modelView>;

export const segmentRuleSchema = z
  .object({
    builtin: z.enum(BUILTIN_SEGMENTS).optional(),
    minScore: z.number().int().min(0).max(100).optional(),
    maxScore: z.number().int().min(0).max(100).optional(),
    leadStatuses: z.array(z.string().max(40)).max(10).optional(),
    roles: z.array(z.string().max(40)).max(10).optional(),
    marketingTypes: z
      .array(z.enum(['kauf', 'miete']))
      .max(2)
      .optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{3}$/, 'Ländercode mit drei Buchstaben, z. B. CHE.'))
      .max(20)
      .optional(),
    inactiveDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict()
  .refine((r) => r.minScore === undefined || r.maxScore === undefined || r.minScore <= r.maxScore, {
    message: 'Der Mindest-Score liegt über dem Höchst-Score.',
    path: ['minScore'],
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), {
    message: 'Bitte mindestens eine Bedingung angeben.',
  });

export const segmentInput = z.object({
  name: z.string().trim().min(2, 'Bitte einen Namen angeben.').max(80),
  rule: segmentRuleSchema,
});
export type SegmentInput = z.infer<typeof segmentInput>;

export const segmentView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  builtin: z.enum(BUILTIN_SEGMENTS).nullable(),
  /** The rule in words. */
  description: z.string(),
  rule: z.record(z.string(), z.unknown()),
  members: z.number().int(),
  createdAt: z.string(),
});
export type SegmentView = z.infer<typeof segmentView>;

export const segmentMemberView = z.object({
  contactId: z.string().uuid(),
  displayName: z.string(),
  leadStatus: z.string(),
  total: z.number().int().nullable(),
  since: z.string(),
});
export type SegmentMemberView = z.infer<typeof segmentMemberView>;
