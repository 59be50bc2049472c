import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { routeCatalog } from '../../../platform/http/access-control.js';
import type { Role } from '../../../platform/rbac/roles.js';
import { superadminAudit } from '../../../platform/superadmin/superadmin.schema.js';
import { stepRequest, walkRoutes } from '../../../platform/testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import type { OfficeList, SystemHealth, UsageSeries } from '../contract.js';

/**
 * The operators' panel through HTTP: no office role of any office reaches a super-admin route;
 * an operator who belongs to no office sees every office with its figures, the system's health
 * and usage, and can deactivate an office, whose members are then refused until it is active
 * again; every operator request is in the operators' log, the switch also in the office's.
 */
let t: TestApp;
let a: TestUser;
let b: TestUser;
let operator: string;
const ROLES: Role[] = ['owner', 'admin', 'agent', 'assistant', 'readonly'];

describe('Plattform-Betrieb (Super-Admin)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.createTenant('Büro Alpha');
    b = await t.createTenant('Büro Beta');
    await t.createTenant('Büro Gamma');
    operator = await t.createOperator('betrieb@immoxx.test', 'Olga Betrieb');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('no office role reaches a super-admin route; without sign-in it is 401', async () => {
    const steps = walkRoutes(t.app, [a.tenantId], (route) => route.access === 'superadmin');
    expect(steps.map((s) => `${s.method} ${s.url}`).sort()).toEqual([
      `DELETE /api/superadmin/networks/${a.tenantId}/admins/${a.tenantId}`,
      `DELETE /api/superadmin/networks/${a.tenantId}/members/${a.tenantId}`,
      'GET /api/superadmin/health',
      'GET /api/superadmin/log',
      'GET /api/superadmin/networks',
      'GET /api/superadmin/offices',
      'GET /api/superadmin/usage',
      'POST /api/superadmin/networks',
      `POST /api/superadmin/networks/${a.tenantId}/admins`,
      `POST /api/superadmin/networks/${a.tenantId}/members`,
      'POST /api/superadmin/offices',
      `POST /api/superadmin/offices/${a.tenantId}/activate`,
      `POST /api/superadmin/offices/${a.tenantId}/deactivate`,
      `POST /api/superadmin/offices/${a.tenantId}/support-session`,
    ]);
    expect(
      routeCatalog(t.app)
        .filter((r) => r.url.startsWith('/api/superadmin'))
        .every((r) => r.access === 'superadmin'),
    ).toBe(true);
    for (const role of ROLES) {
      const user = role === 'owner' ? a : await t.createUser(a.tenantId, role);
      for (const step of steps) {
        const r = await t.as(user, stepRequest(step));
        expect(r.statusCode, `${role} ${step.method} ${step.url}`).toBe(403);
        expect(r.json().error.message).toBe('Nur für Betreiber der Plattform.');
      }
    }
    for (const step of steps) expect((await t.as(null, stepRequest(step))).statusCode).toBe(401);
    // Nothing was switched off by those attempts.
    const me = (await t.as(a, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant.deactivated).toBe(false);
    expect(me.superadmin).toBe(false);
    expect(me.nav.map((n: { path: string }) => n.path)).not.toContain('/superadmin');
  });

  it('an operator of no office sees every office with its figures', async () => {
    for (const n of [1, 2])
      await t.as(a, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: { ...seeblickWohnung, externalId: `SA-${n}` },
      });
    await t.platform.files.put(`tenants/${a.tenantId}/branding/logo.png`, Buffer.alloc(1234));
    const me = (await t.as(operator, { method: 'GET', url: '/api/me' })).json();
    expect(me).toMatchObject({ superadmin: true, tenant: null });
    expect(me.nav.map((n: { path: string }) => n.path)).toContain('/superadmin');

    const list = (
      await t.as(operator, { method: 'GET', url: '/api/superadmin/offices' })
    ).json() as OfficeList;
    expect(list.total).toBe(3);
    const alpha = list.items.find((o) => o.id === a.tenantId);
    expect(alpha).toMatchObject({
      name: 'Büro Alpha',
      active: true,
      users: 5,
      listings: 2,
      storageBytes: 1234,
      plan: null,
    });
    expect(alpha?.lastActivityAt).not.toBeNull();
    const search = (
      await t.as(operator, { method: 'GET', url: '/api/superadmin/offices?q=beta' })
    ).json() as OfficeList;
    expect(search.items.map((o) => o.id)).toEqual([b.tenantId]);
    const bad = await t.as(operator, { method: 'GET', url: '/api/superadmin/offices?pageSize=1000' });
    expect(bad.statusCode).toBe(400);
  });

  it('the system health and usage over time', async () => {
    const health = (
      await t.as(operator, { method: 'GET', url: '/api/superadmin/health' })
    ).json() as SystemHealth;
    expect(health.database.ok).toBe(true);
    expect(health.offices).toEqual({ total: 3, deactivated: 0 });
    expect(health.disk.writable).toBe(true);
    expect(health.version.app).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof health.jobs.queued).toBe('number');
    const usage = (
      await t.as(operator, { method: 'GET', url: '/api/superadmin/usage?days=7' })
    ).json() as UsageSeries;
    expect(usage.days).toHaveLength(7);
    expect(usage.days.at(-1)).toMatchObject({ newOffices: 3, newListings: 2 });
  });

  it("a deactivated office's members are refused and its public pages gone until it is active again; both ends are logged", async () => {
    const created = (
      await t.as(b, {
        method: 'POST',
        url: '/api/crm/properties',
        payload: { ...seeblickWohnung, title: 'Beta-Wohnung' },
      })
    ).json() as { id: string; slug: string };
    await t.as(b, {
      method: 'POST',
      url: `/api/crm/properties/${created.id}/status`,
      payload: { status: 'aktiv' },
    });
    const publicPage = async () =>
      (await t.app.inject({ method: 'GET', url: `/p/${created.slug}` })).statusCode;
    expect(await publicPage()).toBe(200);
    const off = await t.as(operator, {
      method: 'POST',
      url: `/api/superadmin/offices/${b.tenantId}/deactivate`,
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ id: b.tenantId, active: false });
    const refused = await t.as(b, { method: 'GET', url: '/api/crm/properties' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('office_deactivated');
    expect((await t.as(b, { method: 'GET', url: '/api/me' })).json().tenant.deactivated).toBe(true);
    // Its listing is no longer public; another office works on.
    expect(await publicPage()).toBe(404);
    expect((await t.as(a, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(200);

    const on = await t.as(operator, {
      method: 'POST',
      url: `/api/superadmin/offices/${b.tenantId}/activate`,
    });
    expect(on.json()).toMatchObject({ active: true });
    expect((await t.as(b, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(200);
    expect(await publicPage()).toBe(200);
    const officeLog = await t.platform.database.db
      .select({ action: auditLog.action, userName: auditLog.userName })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, b.tenantId), eq(auditLog.entity, 'office')));
    expect(officeLog.map((e) => e.action)).toEqual(['deactivated', 'activated']);
    expect(officeLog[0]?.userName).toBe('Betreiber betrieb@immoxx.test');
    expect(
      (await t.as(operator, { method: 'POST', url: '/api/superadmin/offices/gibt-es-nicht/deactivate' }))
        .statusCode,
    ).toBe(404);
  });

  it("every operator request is in the operators' log, refused attempts of others too", async () => {
    const rows = await t.platform.database.db.select().from(superadminAudit);
    const mine = rows.filter((r) => r.userEmail === 'betrieb@immoxx.test');
    expect(
      mine.some(
        (r) => r.path === `/api/superadmin/offices/${b.tenantId}/deactivate` && r.tenantId === b.tenantId,
      ),
    ).toBe(true);
    expect(mine.some((r) => r.path === '/api/superadmin/offices' && r.details !== null)).toBe(true);
    expect(rows.some((r) => r.statusCode === '403' && r.userEmail !== 'betrieb@immoxx.test')).toBe(true);
    const log = (await t.as(operator, { method: 'GET', url: '/api/superadmin/log?limit=500' })).json();
    expect(log.items.length).toBeGreaterThan(5);
  });
});
