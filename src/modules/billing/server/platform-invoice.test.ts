import { describe, expect, it } from 'vitest';
import { paidStripeInvoice } from '../test/stripe-invoice.js';
import { platformInvoiceDraft } from './platform-invoice.js';

const seller = {
  name: 'ImmoXX GmbH',
  street: 'Marktstätte 1',
  postalCode: '78462',
  city: 'Konstanz',
  country: 'DE',
  vatId: 'DE999999999',
  taxNumber: null,
  email: 'rechnung@immoxx.example',
  phone: '+49 7531 000000',
  contactName: 'ImmoXX GmbH',
  footer: [],
};
const paidAt = Date.UTC(2026, 11, 1, 8) / 1000;

describe('our invoice for a paid Stripe invoice', () => {
  it('a German office: 149 € net plus 19 %, the billing period as service period', () => {
    const result = platformInvoiceDraft(
      paidStripeInvoice({ id: 'in_1', customer: 'cus_1', netCents: 14_900, totalCents: 17_731, paidAt }),
      seller,
      'cus_1',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft).toMatchObject({
      taxMode: 'standard',
      issueDate: '2026-12-01',
      servicePeriod: { start: '2026-12-01', end: '2026-12-31' },
      buyer: { name: 'Hegau Immobilien GmbH', city: 'Singen', country: 'DE', vatId: null },
      lines: [{ unitPriceCents: 14_900 }],
    });
  });

  it('an Austrian business with its VAT id: reverse charge, net only', () => {
    const result = platformInvoiceDraft(
      paidStripeInvoice({
        id: 'in_2',
        customer: 'cus_2',
        netCents: 14_900,
        totalCents: 14_900,
        vatId: 'ATU12345678',
        country: 'AT',
        paidAt,
      }),
      seller,
      'cus_2',
    );
    expect(result).toMatchObject({
      ok: true,
      draft: { taxMode: 'reverse_charge', buyer: { vatId: 'ATU12345678', country: 'AT' } },
    });
  });

  it('refuses when Stripe charged something else than our tax arithmetic says, or the address is missing', () => {
    const noTax = platformInvoiceDraft(
      paidStripeInvoice({ id: 'in_3', customer: 'cus_1', netCents: 14_900, totalCents: 14_900, paidAt }),
      seller,
      'cus_1',
    );
    expect(noTax).toMatchObject({ ok: false });
    expect(!noTax.ok && noTax.reason).toContain('amounts differ');
    const noAddress = platformInvoiceDraft(
      paidStripeInvoice({
        id: 'in_4',
        customer: 'cus_1',
        netCents: 14_900,
        totalCents: 17_731,
        paidAt,
        address: false,
      }),
      seller,
      'cus_1',
    );
    expect(!noAddress.ok && noAddress.reason).toContain('address');
  });
});
