import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { assignPlan, UnknownOfficeError } from '../../../platform/plans/plan-assignment.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { BillingOverview } from '../contract.js';

/**
 * Plans and their limits through HTTP: an office without a plan is not limited; on Free, the
 * eleventh listing and the third seat are refused with 402 and the way up, and nothing is stored;
 * archiving frees a listing's place; another office is not affected; only owners and admins see it.
 */
let t: TestApp;
let owner: TestUser;
let other: TestUser;
let slug = '';

const createListing = (user: TestUser, n: number) =>
  t.as(user, {
    method: 'POST',
    url: '/api/crm/properties',
    payload: {
      ...seeblickWohnung,
      title: `Wohnung ${n}`,
      externalId: `PL-${user.tenantId.slice(0, 4)}-${n}`,
    },
  });
const invite = (user: TestUser, email: string) =>
  t.as(user, { method: 'POST', url: '/api/admin/invitations', payload: { email, role: 'agent' } });
const overview = async (user: TestUser) => {
  const r = await t.as(user, { method: 'GET', url: '/api/billing/plan' });
  return { status: r.statusCode, body: r.json() as BillingOverview };
};

describe('Tarife und Grenzen', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant();
    other = await t.createTenant();
    const [row] = await t.platform.database.db
      .select({ slug: tenant.slug })
      .from(tenant)
      .where(eq(tenant.id, owner.tenantId));
    slug = row!.slug;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('an office without a plan is not limited and says so', async () => {
    for (let n = 1; n <= 11; n++) expect((await createListing(other, n)).statusCode).toBe(201);
    const r = await overview(other);
    expect(r.status).toBe(200);
    expect(r.body.current).toBeNull();
    expect(r.body.usage).toMatchObject({ users: 1, openInvitations: 0, properties: 11 });
    expect(r.body.plans.map((p) => p.id)).toEqual(['free', 'professional', 'enterprise']);
  });

  it('on Free the eleventh listing is refused with 402 and the way up; archiving frees a place', async () => {
    const { before } = await assignPlan(t.platform.database, slug, 'free', 'Test-Betreiber');
    expect(before).toBeNull();
    const ids: string[] = [];
    for (let n = 1; n <= 10; n++) {
      const r = await createListing(owner, n);
      expect(r.statusCode, r.body).toBe(201);
      ids.push((r.json() as { id: string }).id);
    }
    const refused = await createListing(owner, 11);
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'plan_limit',
        message:
          'Ihr Tarif Free umfasst 10 Objekte; 10 sind schon angelegt. Mit Professional sind es 250. Tarif und Nutzung: „Abrechnung“.',
        details: {
          resource: 'properties',
          limit: 10,
          used: 10,
          plan: 'free',
          upgradeTo: 'professional',
          upgradePath: '/abrechnung',
        },
      },
    });
    expect((await overview(owner)).body.usage.properties).toBe(10);

    const archive = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${ids[0]}/status`,
      payload: { status: 'archiviert' },
    });
    expect(archive.statusCode, archive.body).toBe(200);
    expect((await createListing(owner, 12)).statusCode).toBe(201);
    // Back from the archive it would be the eleventh again.
    const restore = await t.as(owner, {
      method: 'POST',
      url: `/api/crm/properties/${ids[0]}/status`,
      payload: { status: 'entwurf' },
    });
    expect(restore.statusCode).toBe(402);
  });

  it('on Free the third seat is refused, open invitations counting as seats', async () => {
    const first = await invite(owner, 'assistenz@example.org');
    expect(first.statusCode, first.body).toBe(201);
    // Inviting the same address again takes no further seat.
    expect((await invite(owner, 'assistenz@example.org')).statusCode).toBe(201);
    const second = await invite(owner, 'makler@example.org');
    expect(second.statusCode).toBe(402);
    expect(second.json()).toMatchObject({
      error: { code: 'plan_limit', details: { resource: 'users', limit: 2, used: 2 } },
    });
    expect((await overview(owner)).body).toMatchObject({
      current: { plan: { id: 'free', limits: { users: 2, properties: 10 } }, status: 'active' },
      usage: { users: 1, openInvitations: 1, properties: 10 },
    });
  });

  it('moving up lifts the limit; the change is in the office’s audit log', async () => {
    await assignPlan(t.platform.database, slug, 'professional', 'Test-Betreiber');
    expect((await createListing(owner, 13)).statusCode).toBe(201);
    expect((await invite(owner, 'makler@example.org')).statusCode).toBe(201);
    const log = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.entity, 'plan')),
    );
    expect(log.map((l) => l.userName)).toEqual(['Test-Betreiber', 'Test-Betreiber']);
    await expect(assignPlan(t.platform.database, 'gibt-es-nicht', 'free', 'x')).rejects.toBeInstanceOf(
      UnknownOfficeError,
    );
  });

  it('only owners and admins see the plan', async () => {
    const agent = await t.createUser(owner.tenantId, 'agent');
    expect((await overview(agent)).status).toBe(403);
    const admin = await t.createUser(other.tenantId, 'admin');
    expect((await overview(admin)).status).toBe(200);
  });
});
