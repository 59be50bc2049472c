import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeblickWohnung } from '../../modules/crm/test/fixtures.js';
import { sampleBody } from '../testing/route-walker.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { routeCatalog } from './access-control.js';

/**
 * Issue 17.11: hostile values into every operation of the route catalogue — NUL bytes, lone
 * UTF-16 surrogates, numbers past any column's range — in path, query and body. Whatever the
 * route, the answer is a 4xx in the standard error shape, never a 500.
 */
let t: TestApp;
let owner: TestUser;

type Spec = {
  paths?: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
};

const NUL = 'a\u0000b';
const SURROGATE = 'x\uD800y';
const HUGE = '99999999999999999999';
/** Percent-encoded forms: a lone surrogate has no UTF-8 form, so its CESU-8 bytes stand in. */
const IN_PATH: Record<string, string> = { nul: '%00', surrogate: '%ED%A0%80', huge: HUGE };

/** Every string (and for `huge` every number) of a sampled body replaced by the hostile value. */
function poison(value: unknown, kind: 'nul' | 'surrogate' | 'huge'): unknown {
  if (typeof value === 'string') return kind === 'nul' ? NUL : kind === 'surrogate' ? SURROGATE : HUGE;
  if (typeof value === 'number') return kind === 'huge' ? 1e20 : value;
  if (Array.isArray(value)) return value.map((v) => poison(v, kind));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, kind)]));
  return value;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Fuzz GmbH');
  // Some data, so routes that list or look up have rows to trip over.
  await t.as(owner, { method: 'POST', url: '/api/crm/properties', payload: seeblickWohnung });
  await t.as(owner, {
    method: 'POST',
    url: '/api/crm/contacts',
    payload: { kind: 'person', firstName: 'Eva', lastName: 'Huber', email: 'eva@example.de' },
  });
});
afterAll(async () => t?.close());

describe('hostile input on every route (issue 17.11)', () => {
  it('answers NUL bytes, lone surrogates and overflowing numbers with a 4xx in the error shape', async () => {
    const spec = t.app.swagger() as unknown as Spec;
    // Signing out or removing oneself would end the walk's session; those routes have no hostile fields anyway.
    const routes = routeCatalog(t.app).filter((r) => !/\/auth\/(sign-out|delete)/.test(r.url));
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const operation = spec.paths?.[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const queryNames = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const sampled = sampleBody(t.app, route);
      for (const kind of ['nul', 'surrogate', 'huge'] as const) {
        const path = route.url.replace(/:(\w+)/g, IN_PATH[kind] as string);
        const query = new URLSearchParams(
          queryNames.map((name) => [name, kind === 'nul' ? NUL : kind === 'surrogate' ? '\uFFFD' : HUGE]),
        ).toString();
        // URLSearchParams cannot carry a lone surrogate: its CESU-8 bytes go in by hand.
        const rawQuery = kind === 'surrogate' ? query.replaceAll('%EF%BF%BD', '%ED%A0%80') : query;
        const variants: { url: string; payload?: unknown }[] = [
          { url: rawQuery ? `${path}?${rawQuery}` : path },
        ];
        if (sampled.contentType === 'application/json' && route.method !== 'GET')
          variants.push({
            url: route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000'),
            payload: poison(sampled.payload, kind),
          });
        for (const variant of variants) {
          requests++;
          const response = await t.as(owner, {
            method: route.method as 'GET',
            url: variant.url,
            ...(variant.payload !== undefined ? { payload: variant.payload as object } : {}),
          });
          const shaped = response.headers['content-type']?.toString().includes('json')
            ? typeof response.json()?.error?.code === 'string'
            : response.statusCode < 400;
          if (response.statusCode >= 500 || (response.statusCode >= 400 && !shaped))
            failures.push(
              `${route.method} ${variant.url} [${kind}] → ${response.statusCode} ${response.body.slice(0, 160)}`,
            );
        }
      }
    }
    expect(requests).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 240_000);

  it('public pages and uploads refuse them too', async () => {
    for (const url of [
      '/p/%00',
      '/p/%ED%A0%80',
      '/p/a%00b/bild/x/jpg',
      '/m/%00/x/y',
      '/api/crm/properties?q=%00',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
    }
    const form = await t.app.inject({
      method: 'POST',
      url: '/p/irgendwo/anfrage',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Eva%00&email=eva%40example.de&privacy=ja',
    });
    expect(form.statusCode).toBe(400);
  });
});
