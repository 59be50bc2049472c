import { createHmac } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { billingEvent, tenantPlan } from '../../../platform/plans/plans.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import type { BillingOverview } from '../contract.js';
import { type StripeFake, startStripeFake } from '../test/stripe-fake.js';

/**
 * Paying for a plan through Stripe, against a strict fake of its API and with webhooks signed the
 * way Stripe documents it (https://docs.stripe.com/webhooks#verify-manually: header
 * `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the endpoint secret>`, 5 minutes
 * tolerance) — computed here by hand, not with the SDK that the server uses.
 */
const WEBHOOK_SECRET = 'whsec_testgeheimnis0123456789';
const PRICE_PRO = 'price_professional_m';
const PRICE_ENT = 'price_enterprise_m';

let fake: StripeFake;
let t: TestApp;
let offline: TestApp;
let owner: TestUser;
let customerId = '';

const signed = (payload: string, secret = WEBHOOK_SECRET, at = Math.floor(Date.now() / 1000)) =>
  `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;
const deliver = async (app: TestApp, event: object, header?: string, body?: string) => {
  const payload = JSON.stringify(event);
  const r = await app.as(null, {
    method: 'POST',
    url: '/api/billing/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': header ?? signed(payload) },
    payload: body ?? payload,
  });
  return { status: r.statusCode, body: r.json() as { outcome?: string } };
};
const T0 = Math.floor(Date.now() / 1000) - 3600;
let seq = 0;
const subscriptionEvent = (
  type: string,
  created: number,
  status: string,
  price = PRICE_PRO,
  id = `evt_${++seq}`,
) => ({
  id,
  object: 'event',
  api_version: '2026-11-18.endive',
  created,
  type,
  livemode: false,
  data: {
    object: {
      id: 'sub_1',
      object: 'subscription',
      customer: customerId,
      status,
      trial_end: null,
      metadata: { tenant_id: owner.tenantId },
      items: {
        object: 'list',
        data: [
          {
            id: 'si_1',
            object: 'subscription_item',
            price: { id: price },
            current_period_end: created + 30 * 86_400,
          },
        ],
      },
    },
  },
});
const plan = async () =>
  (await t.as(owner, { method: 'GET', url: '/api/billing/plan' })).json() as BillingOverview;
const events = async () => (await t.platform.database.db.select({ n: count() }).from(billingEvent))[0]!.n;
const planAudits = async () =>
  (
    await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'plan')),
    )
  )[0]!.n;

describe('Stripe-Abo', () => {
  beforeAll(async () => {
    // One product with a monthly price per paid plan, as the README tells operators to set it up.
    fake = await startStripeFake({ prices: { [PRICE_PRO]: 'prod_immoxx', [PRICE_ENT]: 'prod_immoxx' } });
    t = await createTestApp({
      env: {
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: fake.url,
        STRIPE_PRICE_PROFESSIONAL: PRICE_PRO,
        STRIPE_PRICE_ENTERPRISE: PRICE_ENT,
      },
    });
    offline = await createTestApp();
    owner = await t.createTenant();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await offline.close();
    await fake.close();
  });

  it('Checkout: the office becomes a Stripe customer once and is sent to the payment page', async () => {
    const r = await t.as(owner, {
      method: 'POST',
      url: '/api/billing/checkout',
      payload: { plan: 'professional' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as { url: string }).url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    expect(fake.customers.size).toBe(1);
    const [customer] = [...fake.customers.values()];
    customerId = customer!.id as string;
    expect(customer!.metadata).toEqual({ tenant_id: owner.tenantId });
    const create = fake.requests.find((q) => q.path === '/v1/customers')!;
    expect(create.headers['idempotency-key']).toBe(`immoxx-customer-${owner.tenantId}`);
    expect(create.headers['stripe-version']).toBe('2026-11-18.endive');
    expect(fake.sessions[0]).toMatchObject({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: owner.tenantId,
      'line_items[0][price]': PRICE_PRO,
      'line_items[0][quantity]': '1',
      'subscription_data[metadata][tenant_id]': owner.tenantId,
      // An office's first subscription starts with the trial.
      'subscription_data[trial_period_days]': '14',
      // The address and VAT id our invoice needs (XRechnung) are collected by Checkout.
      billing_address_collection: 'required',
      'tax_id_collection[enabled]': 'true',
      'customer_update[address]': 'auto',
      'customer_update[name]': 'auto',
      locale: 'de',
    });
    expect(fake.sessions[0]!.success_url).toMatch(/\/abrechnung\?checkout=erfolg$/);
    // Asked again before paying, the same customer is used.
    expect(
      (await t.as(owner, { method: 'POST', url: '/api/billing/checkout', payload: { plan: 'enterprise' } }))
        .statusCode,
    ).toBe(200);
    expect(fake.customers.size).toBe(1);
    expect(fake.sessions[1]!['line_items[0][price]']).toBe(PRICE_ENT);
  });

  it('an office that got its trial at sign-up keeps only what is left of it; a nearly lapsed one gets none', async () => {
    const office = await t.createTenant();
    const setTrialEnd = (trialEndsAt: Date) =>
      t.platform.database.withTenant(office.tenantId, (tx) =>
        tx
          .insert(tenantPlan)
          .values({ tenantId: office.tenantId, plan: 'professional', status: 'trialing', trialEndsAt })
          .onConflictDoUpdate({ target: tenantPlan.tenantId, set: { trialEndsAt } }),
      );
    const checkout = async () => {
      const r = await t.as(office, {
        method: 'POST',
        url: '/api/billing/checkout',
        payload: { plan: 'professional' },
      });
      expect(r.statusCode, r.body).toBe(200);
      return fake.sessions.at(-1)!;
    };
    const tenDays = new Date(Date.now() + 10 * 86_400_000);
    await setTrialEnd(tenDays);
    const left = await checkout();
    expect(left['subscription_data[trial_end]']).toBe(String(Math.floor(tenDays.getTime() / 1000)));
    expect(left['subscription_data[trial_period_days]']).toBeUndefined();
    await setTrialEnd(new Date(Date.now() + 86_400_000));
    const none = await checkout();
    expect(none['subscription_data[trial_end]']).toBeUndefined();
    expect(none['subscription_data[trial_period_days]']).toBeUndefined();
  });

  it('only the owner starts a checkout; a bad plan is a 400', async () => {
    const admin = await t.createUser(owner.tenantId, 'admin');
    expect(
      (await t.as(admin, { method: 'POST', url: '/api/billing/checkout', payload: { plan: 'professional' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(owner, { method: 'POST', url: '/api/billing/checkout', payload: { plan: 'free' } }))
        .statusCode,
    ).toBe(400);
  });

  it('a signed subscription event puts the office on the plan; the same event again changes nothing', async () => {
    const created = subscriptionEvent('customer.subscription.created', T0, 'active');
    expect(await deliver(t, created)).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    const after = await plan();
    expect(after.current).toMatchObject({ plan: { id: 'professional' }, status: 'active' });
    expect(after.current!.currentPeriodEnd).toBe(new Date((T0 + 30 * 86_400) * 1000).toISOString());
    expect(after.changeBy).toMatchObject({ mode: 'stripe', subscription: true });
    const audits = await planAudits();
    expect((await deliver(t, created)).body.outcome).toBe('duplicate');
    expect(await planAudits()).toBe(audits);
  });

  it('events arriving out of order: an older one does not undo a newer one', async () => {
    expect(
      (await deliver(t, subscriptionEvent('customer.subscription.updated', T0 + 200, 'past_due'))).body
        .outcome,
    ).toBe('applied');
    expect(
      (await deliver(t, subscriptionEvent('customer.subscription.updated', T0 + 100, 'active'))).body.outcome,
    ).toBe('stale');
    expect((await plan()).current).toMatchObject({ plan: { id: 'professional' }, status: 'past_due' });
    expect(
      (await deliver(t, subscriptionEvent('customer.subscription.updated', T0 + 300, 'active', PRICE_ENT)))
        .body.outcome,
    ).toBe('applied');
    expect((await plan()).current).toMatchObject({ plan: { id: 'enterprise' }, status: 'active' });
  });

  it('word about another (replaced) subscription of the customer does not touch the running one', async () => {
    const other = subscriptionEvent('customer.subscription.deleted', T0 + 350, 'canceled');
    other.data.object.id = 'sub_alt';
    expect((await deliver(t, other)).body.outcome).toBe('ignored');
    expect((await plan()).current).toMatchObject({ plan: { id: 'enterprise' }, status: 'active' });
  });

  it('forged, stale or altered deliveries are refused and store nothing', async () => {
    const event = subscriptionEvent('customer.subscription.deleted', T0 + 400, 'canceled');
    const payload = JSON.stringify(event);
    const before = await events();
    expect((await deliver(t, event, signed(payload, 'whsec_falschesgeheimnis'))).status).toBe(400);
    expect(
      (await deliver(t, event, signed(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600))).status,
    ).toBe(400);
    expect((await deliver(t, event, signed(payload), payload.replace('canceled', 'active'))).status).toBe(
      400,
    );
    expect((await deliver(t, event, 'kaputt')).status).toBe(400);
    expect(await events()).toBe(before);
    expect((await plan()).current).toMatchObject({ plan: { id: 'enterprise' } });
  });

  it('a running subscription is changed in the Customer Portal; cancelled, the office is back on Free', async () => {
    const again = await t.as(owner, {
      method: 'POST',
      url: '/api/billing/checkout',
      payload: { plan: 'professional' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'subscription_exists' } });
    const portal = await t.as(owner, { method: 'POST', url: '/api/billing/portal' });
    expect(portal.statusCode, portal.body).toBe(200);
    expect((portal.json() as { url: string }).url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
    // The portal moves up at once and pro rata, and down or out at the end of the paid period.
    expect(fake.portalConfigurations).toHaveLength(1);
    const [config] = fake.portalConfigurations;
    expect(config).toMatchObject({
      'features[subscription_update][enabled]': 'true',
      'features[subscription_update][proration_behavior]': 'always_invoice',
      'features[subscription_update][schedule_at_period_end][conditions][0][type]': 'decreasing_item_amount',
      'features[subscription_update][products][0][product]': 'prod_immoxx',
      'features[subscription_update][products][0][prices][0]': PRICE_PRO,
      'features[subscription_update][products][0][prices][1]': PRICE_ENT,
      'features[subscription_cancel][mode]': 'at_period_end',
    });
    const sessionRequest = fake.requests.filter((r) => r.path === '/v1/billing_portal/sessions').at(-1);
    expect(new URLSearchParams(sessionRequest!.body).get('configuration')).toBe(config!.id);
    // A second visit uses the same configuration.
    expect((await t.as(owner, { method: 'POST', url: '/api/billing/portal' })).statusCode).toBe(200);
    expect(fake.portalConfigurations).toHaveLength(1);

    expect(
      (await deliver(t, subscriptionEvent('customer.subscription.deleted', T0 + 500, 'canceled'))).body
        .outcome,
    ).toBe('applied');
    expect((await plan()).current).toMatchObject({ plan: { id: 'free' }, status: 'active' });
    expect((await plan()).changeBy.subscription).toBe(false);
    // An event for a customer no office has is taken in, and changes no office.
    const stranger = {
      ...subscriptionEvent('customer.subscription.created', T0 + 600, 'active'),
      data: { object: { ...subscriptionEvent('x', 0, 'active').data.object, customer: 'cus_unbekannt' } },
    };
    expect((await deliver(t, stranger)).body.outcome).toBe('unknown_office');
    expect(
      (
        await deliver(t, {
          id: 'evt_other',
          object: 'event',
          created: T0,
          type: 'charge.succeeded',
          data: { object: {} },
        })
      ).body.outcome,
    ).toBe('ignored');
  });

  it('a failed payment leaves 14 days of grace, then the office is read-only except for billing, until it pays', async () => {
    const late = await t.createTenant();
    expect(
      (await t.as(late, { method: 'POST', url: '/api/billing/checkout', payload: { plan: 'professional' } }))
        .statusCode,
    ).toBe(200);
    const customer = [...fake.customers.values()].find(
      (c) => (c.metadata as Record<string, string>).tenant_id === late.tenantId,
    )!;
    const now = Math.floor(Date.now() / 1000);
    const forLate = (event: ReturnType<typeof subscriptionEvent>) => ({
      ...event,
      data: { object: { ...event.data.object, customer: customer.id as string } },
    });
    const invoiceFailed = (created: number) => ({
      id: `evt_inv_${created}`,
      object: 'event',
      created,
      type: 'invoice.payment_failed',
      data: { object: { id: `in_${created}`, object: 'invoice', customer: customer.id } },
    });
    const write = () =>
      t.as(late, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: {
          marketingType: 'kauf',
          objectType: 'wohnung',
          title: 'Neu',
          postalCode: '78462',
          city: 'Konstanz',
        },
      });
    const view = async () =>
      ((await t.as(late, { method: 'GET', url: '/api/billing/plan' })).json() as BillingOverview).current!;

    expect(
      (
        await deliver(
          t,
          forLate(subscriptionEvent('customer.subscription.created', now - 30 * 86_400, 'active')),
        )
      ).body.outcome,
    ).toBe('applied');
    // Failed 10 days ago: still within the grace period, everything works.
    expect((await deliver(t, invoiceFailed(now - 10 * 86_400))).body.outcome).toBe('applied');
    expect(await view()).toMatchObject({
      status: 'past_due',
      readOnly: false,
      graceEndsAt: new Date((now + 4 * 86_400) * 1000).toISOString(),
    });
    expect((await write()).statusCode).toBe(201);
    // A second failure does not stretch the grace period.
    expect((await deliver(t, invoiceFailed(now - 5 * 86_400))).body.outcome).toBe('applied');
    expect((await view()).graceEndsAt).toBe(new Date((now + 4 * 86_400) * 1000).toISOString());

    // Had the first failure been 15 days ago, the grace would be over.
    await t.platform.database.db
      .update(tenantPlan)
      .set({ graceEndsAt: new Date(Date.now() - 86_400_000) })
      .where(eq(tenantPlan.tenantId, late.tenantId));
    expect(await view()).toMatchObject({ status: 'past_due', readOnly: true });
    const refused = await write();
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({ error: { code: 'office_read_only' } });
    expect((await t.as(late, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(200);
    expect((await t.as(late, { method: 'POST', url: '/api/billing/portal' })).statusCode).toBe(200);
    // Another office is not affected.
    expect(
      (
        await t.as(owner, {
          method: 'POST',
          url: '/api/crm/properties',
          payload: {
            marketingType: 'kauf',
            objectType: 'wohnung',
            title: 'Andere',
            postalCode: '78462',
            city: 'Konstanz',
          },
        })
      ).statusCode,
    ).toBe(201);

    // Paid: active again, writable at once.
    expect(
      (await deliver(t, forLate(subscriptionEvent('customer.subscription.updated', now, 'active')))).body
        .outcome,
    ).toBe('applied');
    expect(await view()).toMatchObject({ status: 'active', readOnly: false, graceEndsAt: null });
    expect((await write()).statusCode).toBe(201);
  });

  it('without Stripe the office is told who changes the plan; the webhook does not exist', async () => {
    const office = await offline.createTenant();
    const r = await offline.as(office, {
      method: 'POST',
      url: '/api/billing/checkout',
      payload: { plan: 'professional' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: { code: 'billing_offline' } });
    expect(
      (await deliver(offline, subscriptionEvent('customer.subscription.created', T0, 'active'))).status,
    ).toBe(404);
    const view = (
      await offline.as(office, { method: 'GET', url: '/api/billing/plan' })
    ).json() as BillingOverview;
    expect(view.changeBy).toMatchObject({ mode: 'operator', subscription: false });
  });
});
