import { z } from 'zod';
import {
  CAMPAIGN_STATES,
  CONSENT_SOURCES,
  OWNER_REPORT_TRIGGERS,
  RECIPIENT_STATES,
} from './domain/mailing-enums.js';
import { checkTemplate, TemplateError } from './domain/template-render.js';

const templateText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Bitte ${field} angeben.`)
    .max(max, `Höchstens ${max.toLocaleString('de-DE')} Zeichen.`)
    .superRefine((value, ctx) => {
      try {
        checkTemplate(value);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    });

export const templateInput = z.object({
  name: z.string().trim().min(1, 'Bitte einen Namen für die Vorlage angeben.').max(120),
  subject: templateText('einen Betreff', 200),
  body: templateText('einen Text', 20_000),
});
export type TemplateInput = z.infer<typeof templateInput>;

export const templateView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof templateView>;

export const placeholderView = z.object({ name: z.string(), label: z.string() });

export const consentInput = z.object({
  contactId: z.string().uuid(),
  source: z.enum(CONSENT_SOURCES, { message: 'Bitte angeben, wie die Einwilligung erteilt wurde.' }),
  evidence: z
    .string()
    .trim()
    .min(5, 'Bitte den Nachweis beschreiben (wo und wann die Einwilligung erteilt wurde).')
    .max(1000),
});
export type ConsentInput = z.infer<typeof consentInput>;

export const consentView = z.object({
  source: z.enum(CONSENT_SOURCES),
  evidence: z.string(),
  grantedAt: z.string(),
  recordedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedVia: z.string().nullable(),
});
export type ConsentView = z.infer<typeof consentView>;

export const SKIP_REASONS = {
  keine_email: 'Keine E-Mail-Adresse',
  keine_einwilligung: 'Keine Werbeeinwilligung (UWG § 7)',
  abgemeldet: 'Hat sich von Angeboten abgemeldet',
  bereits_angeboten: 'Hat dieses Objekt bereits angeboten bekommen',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export const audienceEntry = z.object({
  contactId: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(z.string()),
  consent: consentView.nullable(),
  skip: z.enum(Object.keys(SKIP_REASONS) as [SkipReason, ...SkipReason[]]).nullable(),
});
export type AudienceEntry = z.infer<typeof audienceEntry>;

export const audienceView = z.object({
  propertyId: z.string().uuid(),
  propertyTitle: z.string(),
  items: z.array(audienceEntry),
  eligible: z.number().int(),
  /** The throttle new mailings get (MAILINGS_PER_MINUTE). */
  perMinute: z.number().int(),
});
export type AudienceView = z.infer<typeof audienceView>;

export const campaignInput = z.object({
  propertyId: z.string().uuid(),
  templateId: z.string().uuid(),
  /** Matching contacts the broker unticked. */
  exclude: z.array(z.string().uuid()).max(20_000).default([]),
  /** Only the matching contacts in this lead-scoring segment (refused without that module). */
  segmentId: z.string().uuid().optional(),
});
export type CampaignInput = z.infer<typeof campaignInput>;

export const campaignView = z.object({
  id: z.string().uuid(),
  propertyId: z.string().uuid().nullable(),
  propertyTitle: z.string(),
  subject: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  perMinute: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    wartet: z.number().int(),
    gesendet: z.number().int(),
    uebersprungen: z.number().int(),
    fehler: z.number().int(),
  }),
  /** Offline: no SMTP configured, the mails wait in the outbox. */
  delivery: z.enum(['smtp', 'offline']),
});
export type CampaignView = z.infer<typeof campaignView>;

export const recipientView = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  score: z.number().int(),
  state: z.enum(RECIPIENT_STATES),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type RecipientView = z.infer<typeof recipientView>;

export const ownerReportSettingInput = z
  .object({
    ownerContactId: z.string().uuid('Bitte einen Kontakt aus der Liste wählen.').nullable(),
    weekly: z.boolean(),
    assessment: z.string().trim().max(5000, 'Höchstens 5.000 Zeichen.'),
  })
  .refine((v) => !v.weekly || v.ownerContactId !== null, {
    message: 'Für den wöchentlichen Versand bitte zuerst den Eigentümer wählen.',
    path: ['weekly'],
  });
export type OwnerReportSettingInput = z.infer<typeof ownerReportSettingInput>;

export const ownerReportView = z.object({
  id: z.string().uuid(),
  toAddress: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  trigger: z.enum(OWNER_REPORT_TRIGGERS),
  sentAt: z.string(),
  sentByName: z.string().nullable(),
});
export type OwnerReportView = z.infer<typeof ownerReportView>;

export const ownerReportOverview = z.object({
  propertyId: z.string().uuid(),
  owner: z.object({ id: z.string().uuid(), name: z.string(), email: z.string().nullable() }).nullable(),
  weekly: z.boolean(),
  assessment: z.string(),
  /** When the next weekly report goes out; null while the weekly report is off. */
  nextWeeklyAt: z.string().nullable(),
  reports: z.array(ownerReportView),
  /** `offline`: no SMTP_URL, reports wait in the outbox (`npm run mail:outbox`). */
  delivery: z.enum(['smtp', 'offline']),
});
export type OwnerReportOverview = z.infer<typeof ownerReportOverview>;
