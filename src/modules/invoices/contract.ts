import { z } from 'zod';
import { isValidIban } from '../../platform/invoicing/iban.js';
import { type IssuedInvoiceView, issuedInvoiceView } from '../../platform/invoicing/invoice-view.js';
import { checkVatId } from '../../platform/invoicing/vat-id.js';

const text = (max: number) => z.string().trim().min(1, 'Pflichtfeld').max(max);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

const vatId = optional(20).refine((v) => v === null || checkVatId(v).ok, {
  message: 'Keine gültige USt-IdNr. (Format z. B. DE123456789)',
});

export const invoiceSettingsInput = z
  .object({
    legalName: text(200),
    street: text(200),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Fünfstellige Postleitzahl'),
    city: text(100),
    vatId,
    taxNumber: optional(30),
    email: z.string().trim().email('Keine gültige E-Mail-Adresse'),
    phone: text(40),
    contactName: text(100),
    iban: z
      .string()
      .transform((v) => v.replace(/\s/g, '').toUpperCase())
      .refine(isValidIban, { message: 'Keine gültige IBAN (Prüfziffer stimmt nicht)' }),
    bic: optional(11).refine(
      (v) => v === null || /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v.toUpperCase()),
      {
        message: 'Keine gültige BIC',
      },
    ),
    accountHolder: text(200),
    numberPrefix: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,8}$/, 'Nur Großbuchstaben und Ziffern, höchstens 8'),
    paymentDays: z.number().int().min(0).max(90),
  })
  // § 14 Abs. 4 Nr. 2 UStG: the invoice states the VAT id or the tax number.
  .refine((s) => s.vatId || s.taxNumber, {
    message: 'USt-IdNr. oder Steuernummer angeben',
    path: ['taxNumber'],
  });
export type InvoiceSettingsInput = z.input<typeof invoiceSettingsInput>;

export const invoiceSettingsView = z.object({
  /** Null until saved once; `suggestion` then comes from the Impressum. */
  settings: z
    .object({
      legalName: z.string(),
      street: z.string(),
      postalCode: z.string(),
      city: z.string(),
      vatId: z.string().nullable(),
      taxNumber: z.string().nullable(),
      email: z.string(),
      phone: z.string(),
      contactName: z.string(),
      iban: z.string(),
      bic: z.string().nullable(),
      accountHolder: z.string(),
      numberPrefix: z.string(),
      paymentDays: z.number(),
    })
    .nullable(),
  suggestion: z.object({
    legalName: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    vatId: z.string().nullable(),
    email: z.string(),
    phone: z.string(),
    contactName: z.string(),
  }),
});
export type InvoiceSettingsView = z.infer<typeof invoiceSettingsView>;

export const commissionInput = z
  .object({
    propertyId: z.string().uuid(),
    contactId: z.string().uuid(),
    /** Commission as a share of the price (net, before USt), e.g. 3 or 3.57 gross — we take net. */
    percent: z.number().positive().max(20).nullable(),
    /** Or a fixed net amount in cents. */
    amountCents: z.number().int().positive().max(1_000_000_000).nullable(),
    /** The day the purchase or lease contract was signed: the service date. */
    serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT'),
    /** Buyer side or seller side; printed on the line. */
    side: z.enum(['kaeufer', 'verkaeufer', 'mieter', 'vermieter']),
  })
  .refine((c) => (c.percent === null) !== (c.amountCents === null), {
    message: 'Entweder Prozentsatz oder festen Betrag angeben',
    path: ['percent'],
  });
export type CommissionInput = z.input<typeof commissionInput>;

export { type IssuedInvoiceView, issuedInvoiceView };

export const invoiceList = z.object({ items: z.array(issuedInvoiceView) });
export type InvoiceList = z.infer<typeof invoiceList>;

/** Sold or let listings with their contacts, to pick in the commission dialog. */
export const commissionCandidates = z.object({
  properties: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      marketingType: z.string(),
      priceCents: z.number().nullable(),
      address: z.string(),
    }),
  ),
});
export type CommissionCandidates = z.infer<typeof commissionCandidates>;
