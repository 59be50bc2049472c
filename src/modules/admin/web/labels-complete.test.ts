import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../web/i18n/index.js';
import './i18n.js';

/**
 * Issue 18.11: the jobs view and the audit log speak German. Every job the code defines and
 * every entity and action it audits must have a label, so a new module cannot bring keys back.
 */
const src = join(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !/\.test\.ts$|testing|sandbox/.test(join(dir, e.name))
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
const code = sources(src).join('\n');
const found = (pattern: RegExp) => [...new Set([...code.matchAll(pattern)].map((m) => m[1] as string))];

describe('labels for what the admin pages show', () => {
  it.each(['de', 'en'])('names every job in %s', (lang) => {
    const jobs = found(/_JOB = '([a-z0-9.-]+)'/g);
    expect(jobs.length).toBeGreaterThan(5);
    expect(jobs.filter((name) => !i18n.exists(`admin:jobs.names.${name}`, { lng: lang }))).toEqual([]);
  });

  it.each(['de', 'en'])('names every audited entity and action in %s', (lang) => {
    const audits = [
      ...code.matchAll(/recordAudit\([^)]*?\{\s*entity: '([a-z_]+)'[\s\S]{0,200}?action: '([a-z_.]+)'/g),
    ];
    expect(audits.length).toBeGreaterThan(10);
    const missing = audits.flatMap(([, entity, action]) => [
      ...(i18n.exists(`admin:audit.entities.${entity}`, { lng: lang }) ? [] : [`entity ${entity}`]),
      ...(i18n.exists(`admin:audit.actions.${action}`, { lng: lang }) ? [] : [`action ${action}`]),
    ]);
    expect([...new Set(missing)]).toEqual([]);
  });
});
