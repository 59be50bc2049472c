import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminModule } from '../../modules/admin/module.js';
import { defineJob } from '../jobs/job-definition.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import type { ModuleId } from './module-ids.js';
import { defineModule } from './module-manifest.js';

/** A stand-in feature module with a route, a job and a nav entry. */
const demoModule = defineModule({
  id: 'demo' as ModuleId,
  title: { de: 'Demo', en: 'Demo' },
  description: { de: 'Testmodul', en: 'Test module' },
  dependsOn: ['admin'],
  core: false,
  defaultEnabled: true,
  permissions: [{ id: 'demo.read', label: { de: 'Lesen', en: 'Read' }, roles: ['owner', 'agent'] }],
  nav: [{ path: '/demo', label: { de: 'Demo', en: 'Demo' }, icon: 'box', permission: 'demo.read', order: 1 }],
  server: async () => ({
    routes: async (app) => {
      app.get('/ping', { config: { access: { permission: 'demo.read' } } }, async () => ({ pong: true }));
    },
    jobs: () => [
      defineJob({
        name: 'demo.work',
        version: 1,
        payload: z.object({}),
        handler: async () => 'done',
      }) as never,
    ],
  }),
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('module loader', () => {
  it('an enabled module contributes routes, jobs and navigation', async () => {
    t = await createTestApp({ manifests: [adminModule, demoModule] });
    const owner = await t.createTenant();
    expect((await t.as(owner, { method: 'GET', url: '/api/demo/ping' })).json()).toEqual({ pong: true });
    expect(t.platform.jobs.names).toContain('demo.work');
    const me = (await t.as(owner, { method: 'GET', url: '/api/me' })).json();
    expect(me.nav.map((n: { path: string }) => n.path)).toContain('/demo');
  });

  it('a disabled module contributes no routes, jobs or navigation, and the rest works', async () => {
    t = await createTestApp({
      env: { MODULE_ADMIN: 'true' },
      manifests: [adminModule, { ...demoModule, defaultEnabled: false }],
    });
    const owner = await t.createTenant();
    expect((await t.as(owner, { method: 'GET', url: '/api/demo/ping' })).statusCode).toBe(404);
    expect(t.platform.jobs.names).not.toContain('demo.work');
    const me = (await t.as(owner, { method: 'GET', url: '/api/me' })).json();
    expect(me.nav.map((n: { path: string }) => n.path)).not.toContain('/demo');
    expect(me.permissions).not.toContain('demo.read');
    const modules = (await t.as(owner, { method: 'GET', url: '/api/modules' })).json().modules;
    expect(modules).toContainEqual(expect.objectContaining({ id: 'demo', enabled: false }));
    expect((await t.as(owner, { method: 'GET', url: '/api/admin/members' })).statusCode).toBe(200);
  });
});
