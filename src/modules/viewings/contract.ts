import { z } from 'zod';
import { MESSAGE_KINDS, PARTICIPANT_RESPONSES, PRICE_OPINIONS } from './schema.js';

export const settingsSchema = z.object({
  durationMinutes: z.number().int(),
  reminderHours: z.array(z.number()),
  feedbackHours: z.number().int(),
  smsReminders: z.boolean(),
  /** `offline`: no SEVEN_API_KEY — SMS reminders are recorded but nothing is sent. */
  smsGateway: z.enum(['online', 'offline']),
});
export type ViewingSettingsView = z.infer<typeof settingsSchema>;

export const settingsBody = z
  .object({
    durationMinutes: z.number().int().min(10, 'mindestens 10 Minuten').max(480, 'höchstens 8 Stunden'),
    reminderHours: z
      .array(z.number().min(0.5, 'frühestens 30 Minuten vorher').max(168, 'höchstens 7 Tage vorher'))
      .max(4, 'höchstens vier Erinnerungen')
      .refine((l) => new Set(l).size === l.length, 'jede Erinnerungszeit nur einmal'),
    feedbackHours: z.number().int().min(0).max(168, 'höchstens 7 Tage danach'),
    smsReminders: z.boolean().default(false),
  })
  .strict();

export const feedbackSchema = z.object({
  interest: z.number().int(),
  priceOpinion: z.enum(PRICE_OPINIONS).nullable(),
  missing: z.string(),
  wantsOffer: z.boolean(),
  wantsSecondViewing: z.boolean(),
  submittedAt: z.string(),
});

export const visitorSchema = z.object({
  participantId: z.string(),
  contactId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  response: z.enum(PARTICIPANT_RESPONSES),
  respondedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedInBy: z.enum(['visitor', 'agent']).nullable(),
  noShow: z.boolean(),
  /** The visitor's own page (confirm, cancel, check-in, feedback): for the agent to pass on by phone. */
  visitorUrl: z.string(),
  feedback: feedbackSchema.nullable(),
});
export type VisitorView = z.infer<typeof visitorSchema>;

export const messageSchema = z.object({
  id: z.string(),
  participantId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  channel: z.enum(['email', 'sms']),
  status: z.enum(['queued', 'offline', 'sent', 'failed', 'skipped']),
  detail: z.string(),
  hasIcs: z.boolean(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageSchema>;

export const viewingExtrasSchema = z.object({
  viewingId: z.string(),
  meetingPoint: z.string(),
  /** The property's address: where the viewing meets unless a meeting point is set. */
  propertyAddress: z.string(),
  capacity: z.number().int(),
  bookable: z.boolean(),
  /** The public booking page of the property, when a slot of it is bookable. */
  bookingUrl: z.string().nullable(),
  visitors: z.array(visitorSchema),
  messages: z.array(messageSchema),
  /** `offline`: no SMTP configured, invitations wait in the outbox (`npm run mail:outbox`). */
  mailDelivery: z.enum(['online', 'offline']),
});
export type ViewingExtras = z.infer<typeof viewingExtrasSchema>;

export const detailsBody = z
  .object({
    meetingPoint: z.string().trim().max(300),
    capacity: z.number().int().min(1, 'mindestens 1 Besucher').max(200, 'höchstens 200 Besucher'),
    bookable: z.boolean(),
  })
  .strict();

export const propertyStatsSchema = z.object({
  propertyId: z.string(),
  viewings: z.number().int(),
  held: z.number().int(),
  cancelled: z.number().int(),
  visitors: z.number().int(),
  confirmed: z.number().int(),
  checkIns: z.number().int(),
  noShows: z.number().int(),
  feedbacks: z.number().int(),
  averageInterest: z.number().nullable(),
  wantsOffer: z.number().int(),
  wantsSecondViewing: z.number().int(),
  won: z.number().int(),
  priceOpinions: z.object({ zu_hoch: z.number(), angemessen: z.number(), guenstig: z.number() }),
  /** Per ISO week (Monday) of the viewing: for the property's chart and the owner report. */
  weeks: z.array(
    z.object({
      week: z.string(),
      viewings: z.number().int(),
      checkIns: z.number().int(),
      noShows: z.number().int(),
      averageInterest: z.number().nullable(),
    }),
  ),
});
export type PropertyStats = z.infer<typeof propertyStatsSchema>;

export const agentStatsSchema = z.object({
  items: z.array(
    z.object({
      agentId: z.string().nullable(),
      agentName: z.string(),
      viewings: z.number().int(),
      held: z.number().int(),
      checkIns: z.number().int(),
      noShows: z.number().int(),
      averageInterest: z.number().nullable(),
      wantsOffer: z.number().int(),
      won: z.number().int(),
    }),
  ),
});
