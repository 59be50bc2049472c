import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageEvent } from '../../../platform/metering/metering.schema.js';
import { recordUsage } from '../../../platform/metering/usage-ledger.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { type StripeFake, startStripeFake } from '../test/stripe-fake.js';
import { stripeSetup } from './stripe-gateway.js';
import { reconcileUsage, recordActiveListings, reportUsage } from './usage-reporter.js';

/**
 * Usage-based billing against the strict Stripe fake: the ledger's events go to Stripe as meter
 * events once each (identifier and Idempotency-Key = ledger id), an outage leaves the rest for the
 * next run without doubling anything, events Stripe will not take any more are set aside, and
 * the ledger reconciles with Stripe's sums to zero difference.
 */
let fake: StripeFake;
let t: TestApp;
let owner: TestUser;
let noCustomer: TestUser;
const setup = () => stripeSetup(t.platform)!;

describe('Nutzungsabrechnung (Stripe-Meter)', () => {
  beforeAll(async () => {
    fake = await startStripeFake();
    t = await createTestApp({
      env: {
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: 'whsec_metertest0123456789',
        STRIPE_API_URL: fake.url,
        STRIPE_PRICE_PROFESSIONAL: 'price_professional_m',
        STRIPE_PRICE_ENTERPRISE: 'price_enterprise_m',
      },
    });
    owner = await t.createTenant();
    noCustomer = await t.createTenant();
    // Checkout makes the office a Stripe customer.
    expect(
      (await t.as(owner, { method: 'POST', url: '/api/billing/checkout', payload: { plan: 'professional' } }))
        .statusCode,
    ).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('sends each ledger event once, with its id as identifier and Idempotency-Key', async () => {
    const db = t.platform.database.db;
    await recordUsage(db, [
      { tenantId: owner.tenantId, meter: 'ai_cost_micros', value: 12_500, idempotencyKey: 'ai:1' },
      { tenantId: owner.tenantId, meter: 'ai_cost_micros', value: 7_500, idempotencyKey: 'ai:2' },
      { tenantId: owner.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'export:1' },
      // An office without a Stripe customer is metered but not sent.
      { tenantId: noCustomer.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'export:1' },
    ]);
    expect(await reportUsage(t.platform, setup())).toEqual({ sent: 3, unreportable: 0, stopped: false });
    const customer = [...fake.customers.values()][0]!.id;
    expect(fake.meterEvents.map((e) => [e.event_name, e.customer, e.value]).sort()).toEqual([
      ['ai_cost_micros', customer, 12_500],
      ['ai_cost_micros', customer, 7_500],
      ['portal_exports', customer, 1],
    ]);
    const sent = fake.requests.filter((r) => r.path === '/v1/billing/meter_events');
    for (const request of sent) {
      const identifier = new URLSearchParams(request.body).get('identifier');
      expect(request.headers['idempotency-key']).toBe(`meter-${identifier}`);
    }
    expect(await reportUsage(t.platform, setup())).toEqual({ sent: 0, unreportable: 0, stopped: false });
    expect(fake.meterEvents).toHaveLength(3);
  });

  it('an outage stops the run; the next run sends the rest, nothing twice', async () => {
    await recordUsage(t.platform.database.db, [
      { tenantId: owner.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'export:2' },
      { tenantId: owner.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'export:3' },
    ]);
    // The SDK retries a 500 twice with the same Idempotency-Key; three failures stop the run.
    fake.failMeterEvents(3);
    expect(await reportUsage(t.platform, setup())).toMatchObject({ sent: 0, stopped: true });
    expect(await reportUsage(t.platform, setup())).toEqual({ sent: 2, unreportable: 0, stopped: false });
    expect(fake.meterEvents).toHaveLength(5);
  });

  it('an event older than Stripe takes is set aside with the reason, not sent again', async () => {
    await recordUsage(t.platform.database.db, [
      {
        tenantId: owner.tenantId,
        meter: 'ai_cost_micros',
        value: 1_000,
        idempotencyKey: 'ai:old',
        occurredAt: new Date(Date.now() - 40 * 86_400_000),
      },
    ]);
    expect(await reportUsage(t.platform, setup())).toEqual({ sent: 0, unreportable: 1, stopped: false });
    const [old] = await t.platform.database.db
      .select()
      .from(usageEvent)
      .where(eq(usageEvent.idempotencyKey, 'ai:old'));
    expect(old!.unreportable).toBe('older than 35 days');
    expect(await reportUsage(t.platform, setup())).toEqual({ sent: 0, unreportable: 0, stopped: false });
  });

  it("each office's active listings are recorded once a day", async () => {
    const listing = (
      await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: { ...seeblickWohnung } })
    ).json() as { id: string };
    await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${listing.id}/status`,
      payload: { status: 'aktiv' },
    });
    expect(await recordActiveListings(t.platform, '2026-12-07')).toBe(1);
    expect(await recordActiveListings(t.platform, '2026-12-07')).toBe(0);
    const [row] = await t.platform.database.db
      .select()
      .from(usageEvent)
      .where(eq(usageEvent.idempotencyKey, 'listings:2026-12-07'));
    expect(row).toMatchObject({ tenantId: owner.tenantId, meter: 'active_listing_days', value: 1 });
    expect(await reportUsage(t.platform, setup())).toMatchObject({ sent: 1 });
  });

  it('the ledger reconciles with Stripe to zero difference', async () => {
    const day = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 120_000) };
    const result = await reconcileUsage(t.platform, setup(), owner.tenantId, day.from, day.to);
    expect(result).toEqual([
      { meter: 'ai_cost_micros', ledger: 20_000, stripe: 20_000, difference: 0 },
      { meter: 'portal_exports', ledger: 3, stripe: 3, difference: 0 },
      { meter: 'active_listing_days', ledger: 1, stripe: 1, difference: 0 },
    ]);
  });
});
