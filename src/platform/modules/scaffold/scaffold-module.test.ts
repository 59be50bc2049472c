import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moduleNames, ScaffoldError, scaffoldModule } from './scaffold-module.js';

/*
 * The scaffolder against copies of the build's real registry files, so a change to them that
 * leaves no place for a new module fails here. That the generated module compiles, migrates and
 * passes its own test is checked in CI (.ci/run, "Module scaffolder").
 */
const repo = join(import.meta.dirname, '../../../..');
const REGISTRIES = [
  'src/platform/modules/module-ids.ts',
  'src/server/module-list.ts',
  'src/web/module-list.ts',
  'src/modules/admin/web/i18n.ts',
  'src/modules/crm/module.ts',
  '.env.example',
];
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'scaffold-'));
  for (const file of REGISTRIES) cpSync(join(repo, file), join(root, file), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('npm run new-module', () => {
  it('writes the module and registers it in every list', () => {
    const result = scaffoldModule(root, {
      id: 'key_facts',
      titleDe: 'Eckdaten',
      titleEn: 'Key facts',
      path: 'eckdaten',
    });
    expect(result.created).toContain('src/modules/key_facts/server/key-facts.routes.ts');
    expect(result.created).toContain('src/modules/key_facts/server/key-facts.int.test.ts');
    expect(read('src/modules/key_facts/module.ts')).toContain("path: '/eckdaten'");
    expect(read('src/modules/key_facts/schema.ts')).toContain("'key_facts_entry'");
    expect(read('src/platform/modules/module-ids.ts')).toMatch(/'key_facts',\n\] as const;/);
    const serverList = read('src/server/module-list.ts');
    expect(serverList).toContain("import { keyFactsModule } from '../modules/key_facts/module.js';");
    expect(serverList).toMatch(/ {2}keyFactsModule,\n\];/);
    expect(read('src/web/module-list.ts')).toContain(
      "key_facts: () => import('../modules/key_facts/web/routes.js'),",
    );
    const labels = read('src/modules/admin/web/i18n.ts');
    expect(labels).toContain("key_facts_entry: 'Eckdaten: Einträge'");
    expect(labels).toContain("key_facts_entry: 'Key facts: entries'");
    expect(labels.indexOf('Eckdaten: Einträge')).toBeLessThan(labels.indexOf('Key facts: entries'));
    expect(read('.env.example')).toMatch(/MODULE_KEY_FACTS=true\n/);
  });

  it('quotes titles with apostrophes so the generated code stays valid', () => {
    scaffoldModule(root, { id: 'notes', titleDe: "Maklers' Notizen", titleEn: "Broker's notes" });
    expect(read('src/modules/notes/module.ts')).toContain(
      "title: { de: 'Maklers\\' Notizen', en: 'Broker\\'s notes' }",
    );
    expect(read('src/modules/notes/web/routes.tsx')).toContain("path: 'notes'");
  });

  it('refuses bad or taken names and writes nothing', () => {
    const before = REGISTRIES.map(read);
    expect(() => moduleNames({ id: 'Key-Facts', titleDe: 'a', titleEn: 'b' })).toThrow(ScaffoldError);
    expect(() => moduleNames({ id: 'ok', titleDe: ' ', titleEn: 'b' })).toThrow(
      /German and an English title/,
    );
    expect(() => moduleNames({ id: 'ok', titleDe: 'a', titleEn: 'b', path: 'Büro' })).toThrow(/page address/);
    expect(() => scaffoldModule(root, { id: 'crm', titleDe: 'CRM', titleEn: 'CRM' })).toThrow(
      /exists already/,
    );
    expect(() =>
      scaffoldModule(root, { id: 'fresh', titleDe: 'Objekte', titleEn: 'Props', path: 'objekte' }),
    ).toThrow(/taken/);
    expect(REGISTRIES.map(read)).toEqual(before);
    expect(existsSync(join(root, 'src/modules/fresh'))).toBe(false);
  });
});
