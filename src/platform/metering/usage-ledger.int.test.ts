import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { usageEvent } from './metering.schema.js';
import { recordUsage, UsageInputError, usageTotal } from './usage-ledger.js';

/** The usage ledger counts each use once under its key, refuses nonsense, and keeps offices apart. */
let t: TestApp;
let a: TestUser;
let b: TestUser;
const rows = async () => (await t.platform.database.db.select({ n: count() }).from(usageEvent))[0]!.n;

describe('usage ledger', () => {
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.createTenant();
    b = await t.createTenant();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('a replayed key counts once; the same key in another office is its own', async () => {
    const use = {
      tenantId: a.tenantId,
      meter: 'portal_exports' as const,
      value: 1,
      idempotencyKey: 'export:1',
    };
    expect(await recordUsage(t.platform.database.db, [use, { ...use, idempotencyKey: 'export:2' }])).toBe(2);
    expect(await recordUsage(t.platform.database.db, [use])).toBe(0);
    expect(await recordUsage(t.platform.database.db, [{ ...use, tenantId: b.tenantId }])).toBe(1);
    const day = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) };
    expect(await usageTotal(t.platform.database.db, a.tenantId, 'portal_exports', day.from, day.to)).toBe(2);
  });

  it('refuses an unknown meter, a negative or fractional value and a missing key, writing nothing', async () => {
    const before = await rows();
    const base = { tenantId: a.tenantId, meter: 'portal_exports' as const, value: 1, idempotencyKey: 'k' };
    for (const bad of [
      { ...base, meter: 'coffee' as never },
      { ...base, value: -1 },
      { ...base, value: 1.5 },
      { ...base, idempotencyKey: '' },
    ])
      await expect(recordUsage(t.platform.database.db, [base, bad])).rejects.toBeInstanceOf(UsageInputError);
    expect(await rows()).toBe(before);
  });

  it("inside an office's transaction only its own usage can be written", async () => {
    await expect(
      t.platform.database.withTenant(a.tenantId, (tx) =>
        recordUsage(tx, [
          { tenantId: b.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'sneaky' },
        ]),
      ),
    ).rejects.toThrow();
    expect(
      await t.platform.database.withTenant(a.tenantId, (tx) =>
        recordUsage(tx, [{ tenantId: a.tenantId, meter: 'portal_exports', value: 1, idempotencyKey: 'own' }]),
      ),
    ).toBe(1);
  });
});
