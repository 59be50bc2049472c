import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCatalog } from '../http/access-control.js';
import { stepRequest, walkRoutes } from '../testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

let t: TestApp;
let owner: TestUser;
let readonly: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { MODULE_MULTI_TENANT: 'true' } });
  owner = await t.createTenant();
  readonly = await t.createUser(owner.tenantId, 'readonly');
});
afterAll(async () => t?.close());

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('role-based access', () => {
  it('every /api route declares who may call it', () => {
    const catalog = routeCatalog(t.app);
    expect(catalog.length).toBeGreaterThan(15);
    for (const route of catalog) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('a readonly user gets 403 on every write route', async () => {
    const steps = walkRoutes(
      t.app,
      ['00000000-0000-4000-8000-000000000000'],
      (route) => WRITE_METHODS.has(route.method) && typeof route.access === 'object' && !route.readOnly,
    );
    expect(steps.length).toBeGreaterThan(8);
    for (const step of steps) {
      const response = await t.as(readonly, stepRequest(step));
      expect(response.statusCode, `${step.method} ${step.url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });

  it('a readonly user can read what the role allows and is refused the rest', async () => {
    expect((await t.as(readonly, { method: 'GET', url: '/api/admin/members' })).statusCode).toBe(200);
    expect((await t.as(readonly, { method: 'GET', url: '/api/admin/settings' })).statusCode).toBe(200);
    expect((await t.as(readonly, { method: 'GET', url: '/api/admin/audit-log' })).statusCode).toBe(403);
    const me = await t.as(readonly, { method: 'GET', url: '/api/me' });
    expect(me.json().permissions).not.toContain('admin.members.manage');
    expect(me.json().nav.map((n: { path: string }) => n.path)).not.toContain('/protokoll');
  });

  it('a role change takes effect on the next request', async () => {
    const assistant = await t.createUser(owner.tenantId, 'assistant');
    expect((await t.as(assistant, { method: 'GET', url: '/api/admin/jobs' })).statusCode).toBe(403);
    const members = (await t.as(owner, { method: 'GET', url: '/api/admin/members' })).json().items;
    const member = members.find((m: { userId: string }) => m.userId === assistant.userId);
    const changed = await t.as(owner, {
      method: 'PATCH',
      url: `/api/admin/members/${member.id}`,
      payload: { role: 'agent' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.as(assistant, { method: 'GET', url: '/api/admin/jobs' })).statusCode).toBe(200);
  });
});
