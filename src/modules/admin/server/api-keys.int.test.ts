import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKey } from '../../../platform/auth/api-key.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';

/*
 * Office API keys as an integration uses them (docs/api-integration.md, "Authentication"):
 * `Authorization: Bearer ixk_…`, no cookie, limited to the rights chosen and to its maker's role.
 */

let t: TestApp;
let owner: TestUser;
let admin: TestUser;
let agent: TestUser;
let other: TestUser;

const withKey = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

const issue = async (user: TestUser, body: object) => {
  const response = await t.as(user, { method: 'POST', url: '/api/admin/api-keys', payload: body });
  return { status: response.statusCode, body: response.json() };
};

const keyCount = async () => (await t.platform.database.db.select().from(apiKey)).length;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Schlüssel-Büro');
  admin = await t.createUser(owner.tenantId, 'admin');
  agent = await t.createUser(owner.tenantId, 'agent');
  other = await t.createTenant('Anderes Büro');
});
afterAll(() => t.close());

describe('office API keys', () => {
  it('reads with a read-only key and is refused writes, people-only routes and operator routes', async () => {
    const issued = await issue(owner, {
      name: 'Website',
      scopes: ['crm.properties.read', 'crm.contacts.read'],
      expiresOn: null,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const token: string = issued.body.token;
    expect(token).toMatch(/^ixk_[A-Za-z0-9_-]{43}$/);
    expect(issued.body.key).toMatchObject({ name: 'Website', tokenHint: token.slice(0, 10) });

    const created = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/properties',
      payload: {
        title: 'Haus am Hafen',
        objectType: 'haus',
        marketingType: 'kauf',
        postalCode: '88131',
        city: 'Lindau (Bodensee)',
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const read = await withKey(token, 'GET', '/api/crm/properties');
    expect(read.statusCode, read.body).toBe(200);
    expect(JSON.stringify(read.json())).toContain('Haus am Hafen');

    const write = await withKey(token, 'POST', '/api/crm/properties', { title: 'Nein' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toMatchObject({
      code: 'api_key_scope',
      details: { permission: 'crm.properties.write' },
    });
    const me = await withKey(token, 'GET', '/api/me');
    expect(me.statusCode).toBe(403);
    expect(me.json().error.code).toBe('api_key_scope');
    expect((await withKey(token, 'GET', '/api/superadmin/offices')).statusCode).toBe(403);
    // The key itself is not a way to list or make keys.
    expect((await withKey(token, 'GET', '/api/admin/api-keys')).statusCode).toBe(403);

    const listed = await t.as(owner, { method: 'GET', url: '/api/admin/api-keys' });
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toContain(token.slice(12));
  });

  it('writes in the name of its maker, and the audit log names the key', async () => {
    const { body } = await issue(admin, { name: 'Buchhaltung', scopes: ['crm.contacts.write'] });
    const created = await withKey(body.token, 'POST', '/api/crm/contacts', {
      firstName: 'Greta',
      lastName: 'Lindner',
      email: 'greta.lindner@example.de',
    });
    expect(created.statusCode, created.body).toBe(201);
    const log = await t.as(owner, {
      method: 'GET',
      url: `/api/admin/audit-log?entity=contact&entityId=${created.json().id}`,
    });
    expect(log.json().items[0]).toMatchObject({
      userId: admin.userId,
      userName: `${admin.name} (API-Schlüssel „Buchhaltung“)`,
      action: 'created',
    });
    const issuedLog = await t.as(owner, {
      method: 'GET',
      url: `/api/admin/audit-log?entity=api_key&entityId=${body.key.id}`,
    });
    expect(issuedLog.json().items[0]).toMatchObject({
      action: 'created',
      userName: admin.name,
      subject: { label: 'Buchhaltung', path: '/einstellungen' },
    });
  });

  it('stays in its office', async () => {
    const mine = await t.as(owner, {
      method: 'POST',
      url: '/api/crm/contacts',
      payload: { firstName: 'Nur', lastName: 'Hier', email: 'nur.hier@example.de' },
    });
    const { body } = await issue(other, { name: 'Fremd', scopes: ['crm.contacts.read'] });
    const list = await withKey(body.token, 'GET', '/api/crm/contacts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('nur.hier@example.de');
    expect((await withKey(body.token, 'GET', `/api/crm/contacts/${mine.json().id}`)).statusCode).toBe(404);
  });

  it('refuses unknown rights, rights beyond the maker’s role, a past expiry and agents, storing nothing', async () => {
    const before = await keyCount();
    const unknown = await issue(owner, { name: 'X', scopes: ['crm.everything'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 'unknown_scope',
      details: { unknown: ['crm.everything'] },
    });
    const beyond = await issue(admin, { name: 'X', scopes: ['crm.contacts.read', 'admin.office.export'] });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toMatchObject({
      code: 'scope_beyond_role',
      details: { beyondRole: ['admin.office.export'] },
    });
    const minting = await issue(owner, { name: 'X', scopes: ['admin.api_keys.manage'] });
    expect(minting.status).toBe(400);
    expect(minting.body.error.code).toBe('scope_not_for_keys');
    const past = await issue(owner, { name: 'X', scopes: ['crm.contacts.read'], expiresOn: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('expiry_in_past');
    const noDay = await issue(owner, { name: 'X', scopes: ['crm.contacts.read'], expiresOn: '2027-02-30' });
    expect(noDay.status).toBe(400);
    const empty = await issue(owner, { name: ' ', scopes: [] });
    expect(empty.status).toBe(400);
    expect((await issue(agent, { name: 'X', scopes: ['crm.contacts.read'] })).status).toBe(403);
    expect(await keyCount()).toBe(before);
  });

  it('stops at once when revoked, expired, or when its maker leaves or loses the right', async () => {
    const revoked = await issue(owner, { name: 'Alt', scopes: ['crm.contacts.read'] });
    expect((await withKey(revoked.body.token, 'GET', '/api/crm/contacts')).statusCode).toBe(200);
    const revoke = await t.as(owner, { method: 'DELETE', url: `/api/admin/api-keys/${revoked.body.key.id}` });
    expect(revoke.json().revokedAt).not.toBeNull();
    const refused = await withKey(revoked.body.token, 'GET', '/api/crm/contacts');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('widerrufen');
    expect(
      (await t.as(owner, { method: 'DELETE', url: `/api/admin/api-keys/${revoked.body.key.id}` })).statusCode,
    ).toBe(404);

    const dated = await issue(owner, {
      name: 'Befristet',
      scopes: ['crm.contacts.read'],
      expiresOn: '2099-12-31',
    });
    expect(dated.body.key.expiresAt).toBe('2099-12-31T23:00:00.000Z');
    await t.platform.database.db
      .update(apiKey)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKey.id, dated.body.key.id));
    expect((await withKey(dated.body.token, 'GET', '/api/crm/contacts')).statusCode).toBe(401);

    const colleague = await t.createUser(owner.tenantId, 'admin');
    const theirs = await issue(colleague, {
      name: 'Kollege',
      scopes: ['crm.contacts.read', 'crm.contacts.write'],
    });
    const members = (await t.as(owner, { method: 'GET', url: '/api/admin/members' })).json().items as {
      id: string;
      userId: string;
    }[];
    const memberId = members.find((m) => m.userId === colleague.userId)?.id;
    // Made read-only: the key keeps reading but can no longer write.
    const demoted = await t.as(owner, {
      method: 'PATCH',
      url: `/api/admin/members/${memberId}`,
      payload: { role: 'readonly' },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect((await withKey(theirs.body.token, 'GET', '/api/crm/contacts')).statusCode).toBe(200);
    const write = await withKey(theirs.body.token, 'POST', '/api/crm/contacts', { lastName: 'Test' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('forbidden');
    await t.as(owner, { method: 'DELETE', url: `/api/admin/members/${memberId}` });
    const gone = await withKey(theirs.body.token, 'GET', '/api/crm/contacts');
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.message).toContain('gehört dem Maklerbüro nicht mehr an');
  });

  it('is refused when unknown or malformed, and a session cookie sent along does not widen it', async () => {
    expect((await withKey('ixk_nichtvorhanden', 'GET', '/api/crm/contacts')).statusCode).toBe(401);
    const { body } = await issue(owner, { name: 'Eng', scopes: ['crm.contacts.read'] });
    const withCookie = await t.app.inject({
      method: 'GET',
      url: '/api/admin/members',
      headers: { authorization: `Bearer ${body.token}`, cookie: owner.cookie },
    });
    expect(withCookie.statusCode).toBe(403);
    const listed = (await t.as(owner, { method: 'GET', url: '/api/admin/api-keys' })).json();
    expect(listed.scopes.map((s: { id: string }) => s.id)).toContain('admin.office.export');
    expect(listed.scopes.map((s: { id: string }) => s.id)).not.toContain('admin.api_keys.manage');
    const adminScopes = (await t.as(admin, { method: 'GET', url: '/api/admin/api-keys' })).json().scopes;
    expect(adminScopes.map((s: { id: string }) => s.id)).not.toContain('admin.office.export');
    expect(adminScopes[0]).toMatchObject({
      moduleTitle: { de: expect.any(String) },
      label: { de: expect.any(String) },
    });
  });

  it('tells integrators in the OpenAPI which right each operation takes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/crm/contacts/'].get).toMatchObject({
      'x-immoxx-permission': 'crm.contacts.read',
      security: [{ session: [] }, { apiKey: ['crm.contacts.read'] }],
    });
    expect(doc.paths['/api/me/'].get.security).toBeUndefined();
  });
});
