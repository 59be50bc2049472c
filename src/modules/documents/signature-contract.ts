import { z } from 'zod';
import { publicOfficeSchema } from '../../platform/tenancy/public-office.js';

const share = z.number().min(0).max(1);
export const signatureFieldSchema = z
  .object({
    kind: z.enum(['signatur', 'datum']),
    page: z.number().int().min(1),
    x: share,
    y: share,
    width: z.number().min(0.02).max(1),
    height: z.number().min(0.01).max(1),
  })
  .refine((f) => f.x + f.width <= 1.0001 && f.y + f.height <= 1.0001, {
    message: 'Das Feld ragt über den Seitenrand hinaus.',
  });

export const createSignatureSchema = z.object({
  documentId: z.string().uuid(),
  title: z.string().trim().min(1).max(200).optional(),
  message: z.string().trim().max(2000).nullable().default(null),
  signers: z
    .array(
      z.object({
        name: z.string().trim().min(1, 'Name der unterschreibenden Person fehlt.').max(120),
        email: z.string().trim().email('Keine gültige E-Mail-Adresse.').max(254),
        /** Empty: a signature and a date field are placed at the foot of the last page. */
        fields: z.array(signatureFieldSchema).max(20).default([]),
      }),
    )
    .min(1, 'Mindestens eine Person muss unterschreiben.')
    .max(10)
    .refine((list) => new Set(list.map((s) => s.email.toLowerCase())).size === list.length, {
      message: 'Jede E-Mail-Adresse darf nur einmal vorkommen.',
    }),
});

export const signerStatusSchema = z.enum(['offen', 'unterschrieben', 'abgelehnt']);
export const requestStatusSchema = z.enum([
  'offen',
  'wird_versiegelt',
  'abgeschlossen',
  'abgelehnt',
  'zurueckgezogen',
]);

export const signerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  status: signerStatusSchema,
  fields: z.array(signatureFieldSchema),
  viewedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  method: z.enum(['gezeichnet', 'getippt']).nullable(),
  ip: z.string().nullable(),
  declineReason: z.string().nullable(),
  mailDelivery: z.string().nullable(),
});

export const signatureRequestSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  provider: z.string(),
  status: requestStatusSchema,
  sourceVersion: z.number(),
  sha256Before: z.string(),
  sha256Signed: z.string().nullable(),
  sha256After: z.string().nullable(),
  signedVersion: z.number().nullable(),
  /** The sealed PDF with its audit page, once everyone has signed. */
  signedUrl: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  signers: z.array(signerViewSchema),
});
export type SignatureRequestView = z.infer<typeof signatureRequestSchema>;

/** Only the answer to sending holds the signing links, for when an e-mail does not arrive. */
export const createdSignatureSchema = signatureRequestSchema.extend({
  links: z.array(z.object({ signerId: z.string(), name: z.string(), url: z.string() })),
});

export const signSchema = z
  .object({
    method: z.enum(['gezeichnet', 'getippt']),
    /** A drawn signature as a PNG data URL. */
    image: z
      .string()
      .max(700_000)
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Die Unterschrift muss ein PNG sein.')
      .optional(),
    typedName: z.string().trim().min(2).max(120).optional(),
    consent: z.literal(true, {
      message: 'Bitte bestätigen Sie, dass Sie elektronisch unterschreiben wollen.',
    }),
  })
  .refine((b) => (b.method === 'gezeichnet' ? Boolean(b.image) : Boolean(b.typedName)), {
    message: 'Bitte zeichnen Sie Ihre Unterschrift oder tippen Sie Ihren Namen.',
  });

export const publicSigningSchema = z.object({
  title: z.string(),
  message: z.string().nullable(),
  documentTitle: z.string(),
  office: publicOfficeSchema,
  signer: z.object({
    name: z.string(),
    email: z.string(),
    status: signerStatusSchema,
    signedAt: z.string().nullable(),
  }),
  requestStatus: requestStatusSchema,
  fields: z.array(signatureFieldSchema),
  others: z.array(z.object({ name: z.string(), status: signerStatusSchema })),
  documentUrl: z.string(),
  signedUrl: z.string().nullable(),
});
export type PublicSigning = z.infer<typeof publicSigningSchema>;
