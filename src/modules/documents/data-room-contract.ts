import { z } from 'zod';
import { publicOfficeSchema } from '../../platform/tenancy/public-office.js';
import { DOCUMENT_CATEGORIES } from './domain/categories.js';

export const createShareSchema = z.object({
  documentIds: z.array(z.string().uuid()).min(1, 'Mindestens ein Dokument auswählen.').max(100),
  propertyId: z.string().uuid().nullable().default(null),
  recipientName: z.string().trim().min(1, 'Für wen ist der Datenraum?').max(120),
  recipientEmail: z.string().trim().email('Keine gültige E-Mail-Adresse.').max(254).nullable().default(null),
  validDays: z.number().int().min(1).max(365).default(14),
  password: z.string().min(6, 'Das Passwort braucht mindestens 6 Zeichen.').max(128).nullable().default(null),
  watermark: z.boolean().default(true),
  sendEmail: z.boolean().default(true),
  message: z.string().trim().max(2000).nullable().default(null),
});

export const shareStatusSchema = z.enum(['aktiv', 'abgelaufen', 'widerrufen']);

export const shareAccessSchema = z.object({
  at: z.string(),
  outcome: z.enum(['geoeffnet', 'heruntergeladen', 'passwort_falsch', 'abgelaufen', 'widerrufen']),
  documentTitle: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const shareSchema = z.object({
  id: z.string(),
  propertyId: z.string().nullable(),
  title: z.string(),
  recipientName: z.string(),
  recipientEmail: z.string().nullable(),
  status: shareStatusSchema,
  expiresAt: z.string(),
  hasPassword: z.boolean(),
  watermark: z.boolean(),
  documents: z.array(z.object({ id: z.string(), title: z.string(), category: z.enum(DOCUMENT_CATEGORIES) })),
  accessCount: z.number(),
  lastAccessAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ShareView = z.infer<typeof shareSchema>;

/** The answer to creating a link: the only time the link itself is shown. */
export const createdShareSchema = shareSchema.extend({
  url: z.string(),
  delivery: z.enum(['queued', 'offline', 'not_sent']),
});

export const publicRoomSchema = z.object({
  title: z.string(),
  recipientName: z.string(),
  office: publicOfficeSchema,
  expiresAt: z.string(),
  watermark: z.boolean(),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.enum(DOCUMENT_CATEGORIES),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number(),
      url: z.string(),
    }),
  ),
});
export type PublicRoom = z.infer<typeof publicRoomSchema>;
