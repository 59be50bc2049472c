import { z } from 'zod';
import { DOCUMENT_CATEGORIES } from './domain/categories.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT angeben.');
const tags = z.array(z.string().trim().min(1).max(40)).max(20);

export const uploadQuerySchema = z
  .object({
    propertyId: z.string().uuid().optional(),
    contactId: z.string().uuid().optional(),
    fileName: z.string().trim().min(1).max(255),
    title: z.string().trim().min(1).max(200).optional(),
    category: z.enum(DOCUMENT_CATEGORIES).optional(),
    confidential: z.enum(['true', 'false']).default('false'),
  })
  .refine((q) => Boolean(q.propertyId) !== Boolean(q.contactId), {
    message: 'Ein Dokument gehört genau zu einem Objekt oder einem Kontakt.',
    path: ['propertyId'],
  });

export const documentPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    category: z.enum(DOCUMENT_CATEGORIES),
    tags,
    confidential: z.boolean(),
    validUntil: day.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Nichts zu ändern.' });

export const versionSchema = z.object({
  version: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  url: z.string(),
});

export const documentSchema = z.object({
  id: z.string(),
  propertyId: z.string().nullable(),
  contactId: z.string().nullable(),
  /** The property or contact the document is filed under, named for lists across folders. */
  folder: z.object({ kind: z.enum(['objekt', 'kontakt']), id: z.string(), label: z.string() }),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  tags: z.array(z.string()),
  confidential: z.boolean(),
  validUntil: z.string().nullable(),
  expiry: z.enum(['keine', 'gueltig', 'laeuft_ab', 'abgelaufen']),
  currentVersion: z.number(),
  current: versionSchema,
  text: z.object({
    status: z.enum(['ausstehend', 'laeuft', 'fertig', 'fehler', 'nicht_moeglich']),
    note: z.string().nullable(),
    jobRunId: z.string().nullable(),
    /** How far reading has come while the job runs (pages done, OCR share). */
    progress: z.object({ percent: z.number(), message: z.string().nullable() }).nullable(),
    /** The first characters, for previews; the full text is searched on the server. */
    excerpt: z.string().nullable(),
  }),
  categorySource: z.enum(['manuell', 'automatisch']),
  suggestion: z
    .object({ category: z.enum(DOCUMENT_CATEGORIES), confidence: z.number(), reason: z.array(z.string()) })
    .nullable(),
  energyFacts: z
    .object({
      certificateType: z.enum(['bedarf', 'verbrauch']).nullable(),
      energyValue: z.number().nullable(),
      efficiencyClass: z.string().nullable(),
      validUntil: z.string().nullable(),
      // Older readings predate these two fields.
      energyCarrier: z.string().nullable().default(null),
      yearBuilt: z.number().nullable().default(null),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentSchema>;
