import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * The Grafana dashboard (deploy/grafana/immoxx-dashboard.json) asks Prometheus only for series
 * that /metrics really exposes: a renamed metric would leave a panel empty without a word.
 */
let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Dashboard GmbH');
});
afterAll(() => t?.close());

type Panel = { title: string; targets: { expr: string }[] };
const dashboard = JSON.parse(
  readFileSync(new URL('../../../deploy/grafana/immoxx-dashboard.json', import.meta.url), 'utf8'),
) as { panels: Panel[]; templating: { list: { query: { query: string } }[] } };

describe('Grafana dashboard', () => {
  it('queries only metrics that /metrics exposes', async () => {
    await t.as(owner, { method: 'GET', url: '/api/me' });
    const exposed = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    const families = new Set(
      [...exposed.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
      ),
    );
    const exprs = [
      ...dashboard.panels.flatMap((p) => p.targets.map((target) => target.expr)),
      ...dashboard.templating.list.map((v) => v.query.query),
    ];
    const FUNCTIONS = new Set([
      'sum',
      'rate',
      'by',
      'histogram_quantile',
      'le',
      'increase',
      'clamp_min',
      'label_values',
    ]);
    const referenced = new Set(
      exprs.flatMap((expr) =>
        [...expr.replace(/\{[^}]*\}/g, '').matchAll(/[a-z_][a-z0-9_]*/g)]
          .map(([name]) => name!)
          .filter((name) => name.includes('_') && !FUNCTIONS.has(name)),
      ),
    );
    expect(referenced.size).toBeGreaterThan(5);
    expect([...referenced].filter((name) => !families.has(name))).toEqual([]);
  });
});
