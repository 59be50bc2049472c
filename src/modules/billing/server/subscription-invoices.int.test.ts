import { createHmac } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuedInvoice } from '../../../platform/invoicing/invoicing.schema.js';
import { fatal, validateEInvoice } from '../../../platform/invoicing/test/e-invoice-validator.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import type { SubscriptionInvoices } from '../contract.js';
import { type StripeFake, startStripeFake } from '../test/stripe-fake.js';
import { paidStripeInvoice } from '../test/stripe-invoice.js';

/**
 * A paid Stripe invoice becomes our invoice to the office (PDF with Factur-X and XRechnung that
 * passes the official rules), once, however often Stripe delivers it; reverse charge for an EU
 * business; none when Stripe's amounts disagree with the tax or no seller is configured; only the
 * office itself sees it. Webhooks signed by hand as Stripe documents (https://docs.stripe.com/webhooks#verify-manually).
 */
const WEBHOOK_SECRET = 'whsec_rechnungstest0123456789';
const stripeEnv = (fake: StripeFake) => ({
  STRIPE_SECRET_KEY: fake.secretKey,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_URL: fake.url,
  STRIPE_PRICE_PROFESSIONAL: 'price_professional_m',
  STRIPE_PRICE_ENTERPRISE: 'price_enterprise_m',
});
const issuerEnv = {
  BILLING_ISSUER_NAME: 'ImmoXX GmbH',
  BILLING_ISSUER_STREET: 'Marktstätte 1',
  BILLING_ISSUER_POSTAL_CODE: '78462',
  BILLING_ISSUER_CITY: 'Konstanz',
  BILLING_ISSUER_VAT_ID: 'DE999999999',
  BILLING_ISSUER_EMAIL: 'rechnung@immoxx.example',
  BILLING_ISSUER_PHONE: '+49 7531 000000',
  BILLING_ISSUER_FOOTER: 'Amtsgericht Freiburg HRB 700000 · Geschäftsführer Max Muster',
};

let fake: StripeFake;
let t: TestApp;
let noIssuer: TestApp;
let owner: TestUser;
let stranger: TestUser;
let customerId = '';
let seq = 0;
const now = Math.floor(Date.now() / 1000);

const signed = (payload: string) => {
  const at = Math.floor(Date.now() / 1000);
  return `t=${at},v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${at}.${payload}`).digest('hex')}`;
};
const deliver = async (app: TestApp, object: object, eventId = `evt_inv_${++seq}`) => {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: now,
    type: 'invoice.paid',
    livemode: false,
    data: { object },
  });
  const r = await app.as(null, {
    method: 'POST',
    url: '/api/billing/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signed(payload) },
    payload,
  });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { outcome: string }).outcome;
};
const invoices = async (user: TestUser, app = t) =>
  (await app.as(user, { method: 'GET', url: '/api/billing/invoices' })).json() as SubscriptionInvoices;
const stored = async () => (await t.platform.database.db.select({ n: count() }).from(issuedInvoice))[0]!.n;

describe('Rechnungen zum Abo', () => {
  beforeAll(async () => {
    fake = await startStripeFake();
    t = await createTestApp({ env: { ...stripeEnv(fake), ...issuerEnv } });
    noIssuer = await createTestApp({ env: stripeEnv(fake) });
    owner = await t.createTenant();
    stranger = await t.createTenant();
    const r = await t.as(owner, {
      method: 'POST',
      url: '/api/billing/checkout',
      payload: { plan: 'professional' },
    });
    expect(r.statusCode, r.body).toBe(200);
    customerId = [...fake.customers.values()].at(-1)!.id as string;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await noIssuer.close();
    await fake.close();
  });

  it('a paid invoice becomes ours: numbered, 19 % USt, PDF with Factur-X and an XRechnung that validates', async () => {
    expect((await invoices(owner)).issuedBy).toBe('platform');
    const paid = paidStripeInvoice({
      id: 'in_paid_1',
      customer: customerId,
      netCents: 14_900,
      totalCents: 17_731,
      paidAt: now,
    });
    expect(await deliver(t, paid)).toBe('invoiced');
    const list = await invoices(owner);
    const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' })
      .format(new Date(now * 1000))
      .slice(0, 4);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      number: `IMX-${year}-000001`,
      buyerName: 'Hegau Immobilien GmbH',
      netCents: 14_900,
      vatCents: 2_831,
      grossCents: 17_731,
    });
    const id = list.items[0]!.id;
    const pdf = await t.as(owner, { method: 'GET', url: `/api/billing/invoices/${id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).toContain('factur-x.xml');
    const xml = (await t.as(owner, { method: 'GET', url: `/api/billing/invoices/${id}/xml` })).body;
    expect(xml).toContain('<cbc:CompanyID>DE999999999</cbc:CompanyID>');
    expect(fatal(await validateEInvoice(xml, 'EN16931-UBL'))).toEqual([]);
    expect(fatal(await validateEInvoice(xml, 'XRechnung-UBL'))).toEqual([]);
  }, 60_000);

  it('the same invoice delivered again, or in a second event, writes nothing', async () => {
    const paid = paidStripeInvoice({
      id: 'in_paid_1',
      customer: customerId,
      netCents: 14_900,
      totalCents: 17_731,
      paidAt: now,
    });
    expect(await deliver(t, paid, 'evt_inv_1')).toBe('duplicate');
    expect(await deliver(t, paid)).toBe('duplicate');
    expect(await stored()).toBe(1);
  });

  it('an Austrian business with its VAT id is invoiced net with reverse charge', async () => {
    const paid = paidStripeInvoice({
      id: 'in_paid_at',
      customer: customerId,
      netCents: 14_900,
      totalCents: 14_900,
      vatId: 'ATU12345678',
      country: 'AT',
      paidAt: now,
    });
    expect(await deliver(t, paid)).toBe('invoiced');
    const [newest] = (await invoices(owner)).items;
    expect(newest).toMatchObject({ vatCents: 0, grossCents: 14_900, buyerName: 'Vorarlberg Wohnen GmbH' });
    const xml = (await t.as(owner, { method: 'GET', url: `/api/billing/invoices/${newest!.id}/xml` })).body;
    expect(xml).toContain('VATEX-EU-AE');
    expect(fatal(await validateEInvoice(xml, 'XRechnung-UBL'))).toEqual([]);
  }, 60_000);

  it('no invoice when Stripe charged without the tax, for 0 € or without a seller configured', async () => {
    const before = await stored();
    expect(
      await deliver(
        t,
        paidStripeInvoice({
          id: 'in_notax',
          customer: customerId,
          netCents: 14_900,
          totalCents: 14_900,
          paidAt: now,
        }),
      ),
    ).toBe('invoice_mismatch');
    expect(
      await deliver(
        t,
        paidStripeInvoice({ id: 'in_trial', customer: customerId, netCents: 0, totalCents: 0, paidAt: now }),
      ),
    ).toBe('ignored');
    expect(await stored()).toBe(before);
    const office = await noIssuer.createTenant();
    await noIssuer.as(office, {
      method: 'POST',
      url: '/api/billing/checkout',
      payload: { plan: 'professional' },
    });
    const theirs = [...fake.customers.values()].at(-1)!.id as string;
    expect(
      await deliver(
        noIssuer,
        paidStripeInvoice({
          id: 'in_noissuer',
          customer: theirs,
          netCents: 14_900,
          totalCents: 17_731,
          paidAt: now,
        }),
      ),
    ).toBe('no_issuer');
    expect(await invoices(office, noIssuer)).toEqual({ items: [], issuedBy: 'stripe' });
  });

  it('only the office itself sees its invoices; an admin may read, an agent not', async () => {
    const [one] = (await invoices(owner)).items;
    expect((await invoices(stranger)).items).toEqual([]);
    expect(
      (await t.as(stranger, { method: 'GET', url: `/api/billing/invoices/${one!.id}/pdf` })).statusCode,
    ).toBe(404);
    const admin = await t.createUser(owner.tenantId, 'admin');
    expect(
      (await t.as(admin, { method: 'GET', url: `/api/billing/invoices/${one!.id}/xml` })).statusCode,
    ).toBe(200);
    const agent = await t.createUser(owner.tenantId, 'agent');
    expect((await t.as(agent, { method: 'GET', url: '/api/billing/invoices' })).statusCode).toBe(403);
  });
});
