import { z } from 'zod';

/** One issued invoice or credit note as lists show it (the office's own and the platform's to the office). */
export const issuedInvoiceView = z.object({
  id: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string(),
  issueDate: z.string(),
  buyerName: z.string(),
  netCents: z.number(),
  vatCents: z.number(),
  grossCents: z.number(),
  /** The property or subscription it is for. */
  subject: z.string(),
  correctsNumber: z.string().nullable(),
  /** Set on an invoice that a credit note cancelled. */
  cancelledBy: z.string().nullable(),
});
export type IssuedInvoiceView = z.infer<typeof issuedInvoiceView>;
