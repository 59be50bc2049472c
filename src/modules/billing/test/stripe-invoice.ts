import type Stripe from 'stripe';

/**
 * A paid subscription invoice shaped like the Invoice object of Stripe's API reference
 * (https://docs.stripe.com/api/invoices/object, API 2026-11-18): `customer_address`,
 * `customer_tax_ids`, `lines.data[].amount` and `.period`, `total_excluding_tax`, `total`,
 * `status_transitions.paid_at`. Only the fields our invoice reads and a few around them.
 */
export function paidStripeInvoice(options: {
  id: string;
  customer: string;
  netCents: number;
  totalCents: number;
  vatId?: string | null;
  country?: string;
  paidAt: number;
  address?: boolean;
}): Stripe.Invoice {
  const start = options.paidAt;
  const invoice = {
    id: options.id,
    object: 'invoice',
    number: 'A1B2C3D4-0001',
    customer: options.customer,
    customer_name: options.country === 'AT' ? 'Vorarlberg Wohnen GmbH' : 'Hegau Immobilien GmbH',
    customer_email: 'buchhaltung@hegau-immobilien.example',
    customer_address:
      options.address === false
        ? null
        : options.country === 'AT'
          ? {
              line1: 'Seestraße 2',
              line2: null,
              postal_code: '6900',
              city: 'Bregenz',
              state: null,
              country: 'AT',
            }
          : {
              line1: 'Hauptstraße 20',
              line2: null,
              postal_code: '78224',
              city: 'Singen',
              state: null,
              country: 'DE',
            },
    customer_tax_ids: options.vatId ? [{ type: 'eu_vat', value: options.vatId }] : [],
    currency: 'eur',
    status: 'paid',
    created: start,
    status_transitions: {
      finalized_at: start,
      paid_at: start,
      marked_uncollectible_at: null,
      voided_at: null,
    },
    subtotal: options.netCents,
    total_excluding_tax: options.netCents,
    total: options.totalCents,
    amount_paid: options.totalCents,
    lines: {
      object: 'list',
      has_more: false,
      url: `/v1/invoices/${options.id}/lines`,
      data: [
        {
          id: 'il_1',
          object: 'line_item',
          amount: options.netCents,
          currency: 'eur',
          description: '1 × ImmoXX Professional (at €149.00 / month)',
          period: { start, end: start + 31 * 86_400 },
          quantity: 1,
        },
      ],
    },
  };
  // Only the fields above exist here; the SDK's type describes the full object.
  return invoice as unknown as Stripe.Invoice;
}
