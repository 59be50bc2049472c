import type Stripe from 'stripe';
import type { AppConfig } from '../../../platform/config/load-config.js';
import type { InvoiceDocument, InvoiceParty } from '../../../platform/invoicing/invoice-document.js';
import { invoiceTotals } from '../../../platform/invoicing/invoice-totals.js';
import { taxModeFor } from '../../../platform/invoicing/vat-id.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';

/** The operator as the seller, from BILLING_ISSUER_*; null when not configured. */
export function billingIssuer(env: AppConfig['env']): (InvoiceParty & { footer: string[] }) | null {
  const e = env;
  if (
    !e.BILLING_ISSUER_NAME ||
    !e.BILLING_ISSUER_STREET ||
    !e.BILLING_ISSUER_POSTAL_CODE ||
    !e.BILLING_ISSUER_CITY
  )
    return null;
  if (!e.BILLING_ISSUER_VAT_ID && !e.BILLING_ISSUER_TAX_NUMBER) return null;
  if (!e.BILLING_ISSUER_EMAIL || !e.BILLING_ISSUER_PHONE) return null;
  return {
    name: e.BILLING_ISSUER_NAME,
    street: e.BILLING_ISSUER_STREET,
    postalCode: e.BILLING_ISSUER_POSTAL_CODE,
    city: e.BILLING_ISSUER_CITY,
    country: 'DE',
    vatId: e.BILLING_ISSUER_VAT_ID ?? null,
    taxNumber: e.BILLING_ISSUER_TAX_NUMBER ?? null,
    email: e.BILLING_ISSUER_EMAIL,
    phone: e.BILLING_ISSUER_PHONE,
    contactName: e.BILLING_ISSUER_NAME,
    footer: e.BILLING_ISSUER_FOOTER ? [e.BILLING_ISSUER_FOOTER] : [],
  };
}

export type PlatformDraft =
  | { ok: true; draft: Omit<InvoiceDocument, 'number'> }
  | { ok: false; reason: string };

const day = (unix: number) => todayInBerlin(new Date(unix * 1000));

/**
 * Our invoice for a Stripe invoice that was paid, from the fields of Stripe's Invoice object
 * (https://docs.stripe.com/api/invoices/object): the customer's name, address and tax ids as
 * Checkout collected them, the lines' net amounts and periods, and `total_excluding_tax` and
 * `total`. Reverse charge for a business in another member state (§ 3a Abs. 2 UStG: a B2B
 * service is taxed where the customer is), else 19 %. Stripe's charged total must equal ours
 * to the cent; otherwise the tax set-up in Stripe differs and no invoice is written.
 */
export function platformInvoiceDraft(
  invoice: Stripe.Invoice,
  seller: InvoiceParty & { footer: string[] },
  customerReference: string,
): PlatformDraft {
  if (invoice.currency !== 'eur') return { ok: false, reason: `currency ${invoice.currency}` };
  const address = invoice.customer_address;
  if (!address?.line1 || !address.postal_code || !address.city || !address.country)
    return {
      ok: false,
      reason: 'customer address incomplete (Checkout collects it: billing_address_collection=required)',
    };
  const euVat = invoice.customer_tax_ids?.find((id) => id.type === 'eu_vat')?.value ?? null;
  const taxMode = taxModeFor(euVat, seller.country);
  const lines = invoice.lines.data.map((line) => ({
    description: line.description ?? 'ImmoXX',
    quantity: 1,
    unitCode: 'MON',
    unitPriceCents: line.amount,
  }));
  if (lines.length === 0) return { ok: false, reason: 'no lines' };
  const totals = invoiceTotals(lines, taxMode);
  if (totals.netCents !== invoice.total_excluding_tax || totals.grossCents !== invoice.total)
    return {
      ok: false,
      reason: `amounts differ: Stripe net ${invoice.total_excluding_tax} / total ${invoice.total}, ours ${totals.netCents} / ${totals.grossCents} (${taxMode})`,
    };
  const periods = invoice.lines.data.map((l) => l.period);
  const paidAt = invoice.status_transitions?.paid_at ?? invoice.created;
  return {
    ok: true,
    draft: {
      kind: 'invoice',
      issueDate: day(paidAt),
      dueDate: day(paidAt),
      servicePeriod: {
        start: day(Math.min(...periods.map((p) => p.start))),
        // Stripe's period ends at the moment the next one starts (the anchor time); the day before is the last day served.
        end: day(
          Math.max(Math.min(...periods.map((p) => p.start)), Math.max(...periods.map((p) => p.end)) - 86_400),
        ),
      },
      seller,
      buyer: {
        name: invoice.customer_name ?? 'Kunde',
        street: [address.line1, address.line2].filter(Boolean).join(', '),
        postalCode: address.postal_code,
        city: address.city,
        country: address.country,
        vatId: euVat,
        taxNumber: null,
        email: invoice.customer_email ?? null,
        phone: null,
        contactName: null,
      },
      buyerReference: customerReference,
      lines,
      taxMode,
      bank: null,
      note: invoice.number ? `Zahlung über Stripe, Beleg ${invoice.number}` : 'Zahlung über Stripe',
      corrects: null,
      footer: seller.footer,
    },
  };
}
