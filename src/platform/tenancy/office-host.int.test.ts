import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '../auth/auth.schema.js';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Offices at their own addresses (`<slug>.<BASE_DOMAIN>`), through HTTP with the Host header a
 * browser sends: the address decides the office; a user of two offices is in each at its
 * address; a stranger gets nothing of an office by going to its address; an address without an
 * office is a 404; one session cookie serves every office address.
 */
let t: TestApp;
let ownerA: TestUser;
let ownerB: TestUser;
const slugs: Record<string, string> = {};

const at = (slug: string) => ({ host: `${slug}.immoxx.test` });

describe('Büros unter eigener Adresse', () => {
  beforeAll(async () => {
    t = await createTestApp({ env: { BASE_DOMAIN: 'immoxx.test', PUBLIC_URL: 'http://app.immoxx.test' } });
    ownerA = await t.createTenant('Büro Überlingen');
    ownerB = await t.createTenant('Büro Lindau');
    for (const owner of [ownerA, ownerB]) {
      const [row] = await t.platform.database.db
        .select({ slug: tenant.slug })
        .from(tenant)
        .where(eq(tenant.id, owner.tenantId));
      slugs[owner.tenantId] = row!.slug;
    }
    // The owner of A also works for B, as an agent.
    await t.platform.memberships.addMember(ownerB.tenantId, ownerA.userId, 'agent');
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('the address decides the office: a user of two offices is in each at its own address', async () => {
    const me = async (slug: string) =>
      (await t.as(ownerA, { method: 'GET', url: '/api/me', headers: at(slug) })).json();
    expect((await me(slugs[ownerA.tenantId]!)).tenant).toMatchObject({ id: ownerA.tenantId, role: 'owner' });
    expect((await me(slugs[ownerB.tenantId]!)).tenant).toMatchObject({ id: ownerB.tenantId, role: 'agent' });
    const both = (await me(slugs[ownerA.tenantId]!)).tenants as { id: string; url: string | null }[];
    expect(both.find((o) => o.id === ownerB.tenantId)?.url).toBe(
      `http://${slugs[ownerB.tenantId]}.immoxx.test`,
    );
    // At B's address, A's owner acts with the agent's rights in B: the audit log stays closed.
    const audit = await t.as(ownerA, {
      method: 'GET',
      url: '/api/admin/audit-log',
      headers: at(slugs[ownerB.tenantId]!),
    });
    expect(audit.statusCode).toBe(403);
  });

  it('a stranger gets nothing of an office by going to its address', async () => {
    const list = await t.as(ownerB, {
      method: 'GET',
      url: '/api/crm/properties',
      headers: at(slugs[ownerA.tenantId]!),
    });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.message).toBe('Sie gehören dem Maklerbüro „Büro Überlingen“ nicht an.');
    const me = (
      await t.as(ownerB, { method: 'GET', url: '/api/me', headers: at(slugs[ownerA.tenantId]!) })
    ).json();
    expect(me.tenant).toBeNull();
    const write = await t.as(ownerB, {
      method: 'PUT',
      url: '/api/admin/settings',
      headers: at(slugs[ownerA.tenantId]!),
      payload: { primaryColor: '#000000' },
    });
    expect(write.statusCode).toBe(403);
  });

  it("an office's address tells its sign-in page whose it is; the product host is nobody's", async () => {
    const office = await t.as(null, {
      method: 'GET',
      url: '/api/office',
      headers: at(slugs[ownerA.tenantId]!),
    });
    expect(office.json()).toEqual({
      name: 'Büro Überlingen',
      primaryColor: '#0f766e',
      accentColor: '#f59e0b',
      hasLogo: false,
    });
    expect(
      (await t.as(null, { method: 'GET', url: '/api/office/logo', headers: at(slugs[ownerA.tenantId]!) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.as(null, { method: 'GET', url: '/api/office', headers: { host: 'app.immoxx.test' } }))
        .statusCode,
    ).toBe(404);
  });

  it('an address without an office is a 404, the probes still answer', async () => {
    const api = await t.as(ownerA, { method: 'GET', url: '/api/me', headers: at('gibt-es-nicht') });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('office_not_found');
    const page = await t.as(null, { method: 'GET', url: '/', headers: at('gibt-es-nicht') });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Unter dieser Adresse gibt es kein Maklerbüro.');
    expect(
      (await t.as(null, { method: 'GET', url: '/healthz', headers: at('gibt-es-nicht') })).statusCode,
    ).toBe(200);
  });

  it('the product host keeps the session’s own office; the session cookie serves every office address', async () => {
    const me = (
      await t.as(ownerA, { method: 'GET', url: '/api/me', headers: { host: 'app.immoxx.test' } })
    ).json();
    expect(me.tenant.id).toBe(ownerA.tenantId);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { host: 'app.immoxx.test' },
      payload: { email: 'x@example.de', password: 'falsch-falsch' },
    });
    expect(signIn.statusCode).toBe(401);
    const members = (await t.as(ownerA, { method: 'GET', url: '/api/admin/members' })).json();
    const email = (members.items as { userId: string; email: string }[]).find(
      (m) => m.userId === ownerA.userId,
    )!.email;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { host: 'app.immoxx.test' },
      payload: { email, password: TEST_PASSWORD },
    });
    const setCookie = [ok.headers['set-cookie']].flat().join('\n');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(setCookie).toMatch(/immoxx\.session_token=[^;]+;.*Domain=immoxx\.test/i);
  });
});
