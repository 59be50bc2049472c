import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { superadminAudit } from '../../../platform/superadmin/superadmin.schema.js';
import { SUPPORT_COOKIE } from '../../../platform/superadmin/support-access.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

/**
 * Support access ("impersonation with consent"): an operator can work in an office only while
 * its owner allows it, as admin and for at most an hour; the app knows (banner), the office's
 * audit log names the operator as support, every request is in the operators' log, and the
 * owner's withdrawal ends it at the next request.
 */
let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let other: TestUser;
let operator: string;
let supportCookie = '';

const start = () =>
  t.as(operator, { method: 'POST', url: `/api/superadmin/offices/${owner.tenantId}/support-session` });
const tokenOf = (setCookie: string | string[] | undefined) =>
  /immoxx_support=([^;]+)/.exec([setCookie ?? ''].flat().join(';'))?.[1] ?? '';

describe('Support-Zugriff mit Zustimmung', () => {
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.createTenant('Seeblick Immobilien');
    agent = await t.createUser(owner.tenantId, 'agent');
    other = await t.createTenant('Anderes Büro');
    operator = await t.createOperator('support@immoxx.test', 'Olga Betrieb');
  }, 60_000);
  afterAll(async () => t?.close());

  it('without the owner’s consent no operator gets in', async () => {
    const refused = await start();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_consent');
    expect(String(refused.headers['set-cookie'] ?? '')).not.toContain(SUPPORT_COOKIE);
    // And an operator of no office has no office routes.
    expect((await t.as(operator, { method: 'GET', url: '/api/crm/properties' })).statusCode).toBe(403);
  });

  it('only the owner grants it, for one of the offered spans', async () => {
    const byAgent = await t.as(agent, {
      method: 'PUT',
      url: '/api/admin/support-access',
      payload: { hours: 1 },
    });
    expect(byAgent.statusCode).toBe(403);
    const odd = await t.as(owner, { method: 'PUT', url: '/api/admin/support-access', payload: { hours: 5 } });
    expect(odd.statusCode).toBe(400);
    expect((await t.as(owner, { method: 'GET', url: '/api/admin/support-access' })).json().grant).toBeNull();
    const granted = await t.as(owner, {
      method: 'PUT',
      url: '/api/admin/support-access',
      payload: { hours: 4 },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const until = Date.parse(granted.json().grant.expiresAt);
    expect(until - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    const offices = (await t.as(operator, { method: 'GET', url: '/api/superadmin/offices' })).json();
    const row = offices.items.find((o: { id: string }) => o.id === owner.tenantId);
    expect(row.supportAccessUntil).toBe(granted.json().grant.expiresAt);
  });

  it('the operator works in the office as admin for an hour, named as support everywhere', async () => {
    const started = await start();
    expect(started.statusCode, started.body).toBe(200);
    const token = tokenOf(started.headers['set-cookie']);
    expect(token.length).toBeGreaterThan(30);
    expect(String(started.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax; Max-Age=3[56]\d\d/);
    supportCookie = `${operator}; ${SUPPORT_COOKIE}=${token}`;
    const me = (await t.as(supportCookie, { method: 'GET', url: '/api/me' })).json();
    expect(me.tenant).toMatchObject({ id: owner.tenantId, role: 'admin' });
    expect(me.support).toMatchObject({ tenantName: 'Seeblick Immobilien' });
    const created = await t.as(supportCookie, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { lastName: 'Angelegt-vom-Support', email: 'support-test@example.de' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [entry] = await t.platform.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, owner.tenantId), eq(auditLog.entity, 'contact')));
    expect(entry?.userName).toBe('Olga Betrieb (Plattform-Support)');
    const logged = await t.platform.database.db
      .select()
      .from(superadminAudit)
      .where(eq(superadminAudit.tenantId, owner.tenantId));
    expect(logged.map((l) => `${l.method} ${l.path}`)).toEqual(
      expect.arrayContaining(['GET /api/me', 'POST /api/crm/contacts']),
    );
    expect(logged.every((l) => l.details === null || typeof l.details === 'object')).toBe(true);
    // Support is admin, not owner: it cannot extend its own access or take the office's data.
    expect(
      (await t.as(supportCookie, { method: 'PUT', url: '/api/admin/support-access', payload: { hours: 72 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as(supportCookie, { method: 'GET', url: '/api/admin/office-export.zip' })).statusCode,
    ).toBe(403);
    // The token is nothing without the operator's own session: another office's owner stays where they are.
    const stolen = await t.as(`${other.cookie}; ${SUPPORT_COOKIE}=${token}`, {
      method: 'GET',
      url: '/api/me',
    });
    expect(stolen.json().tenant.id).toBe(other.tenantId);
    expect(stolen.json().support).toBeNull();
  });

  it('the owner sees who was in, and withdrawing the consent ends it at the next request', async () => {
    const view = (await t.as(owner, { method: 'GET', url: '/api/admin/support-access' })).json();
    expect(view.sessions).toHaveLength(1);
    expect(view.sessions[0]).toMatchObject({ operatorEmail: 'support@immoxx.test', endedAt: null });
    // Giving a running consent a new span keeps the running session going.
    const extended = await t.as(owner, {
      method: 'PUT',
      url: '/api/admin/support-access',
      payload: { hours: 24 },
    });
    expect(Date.parse(extended.json().grant.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect((await t.as(supportCookie, { method: 'GET', url: '/api/crm/contacts' })).statusCode).toBe(200);
    const revoked = await t.as(owner, { method: 'DELETE', url: '/api/admin/support-access' });
    expect(revoked.json().grant).toBeNull();
    const after = await t.as(supportCookie, { method: 'GET', url: '/api/crm/contacts' });
    expect(after.statusCode).toBe(403);
    expect((await t.as(supportCookie, { method: 'GET', url: '/api/me' })).json().support).toBeNull();
    const audit = await t.platform.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, owner.tenantId), eq(auditLog.entity, 'support_access')));
    expect(audit.map((a) => a.action).sort()).toEqual(['granted', 'granted', 'revoked']);
  });

  it('the operator can leave on their own; the cookie is cleared and opens nothing afterwards', async () => {
    await t.as(owner, { method: 'PUT', url: '/api/admin/support-access', payload: { hours: 1 } });
    const token = tokenOf((await start()).headers['set-cookie']);
    const cookie = `${operator}; ${SUPPORT_COOKIE}=${token}`;
    expect((await t.as(cookie, { method: 'GET', url: '/api/me' })).json().support).not.toBeNull();
    const ended = await t.as(cookie, { method: 'POST', url: '/api/me/support-session/end' });
    expect(ended.statusCode).toBe(204);
    expect(String(ended.headers['set-cookie'])).toContain(
      `${SUPPORT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    );
    expect((await t.as(cookie, { method: 'GET', url: '/api/me' })).json().support).toBeNull();
    const sessions = (await t.as(owner, { method: 'GET', url: '/api/admin/support-access' })).json().sessions;
    expect(sessions[0].endedAt).not.toBeNull();
  });
});
