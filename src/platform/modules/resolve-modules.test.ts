import { describe, expect, it } from 'vitest';
import type { ModuleId } from './module-ids.js';
import type { ModuleManifest } from './module-manifest.js';
import { ModuleGraphError, resolveModules } from './resolve-modules.js';

const fake = (id: string, dependsOn: string[] = [], extra: Partial<ModuleManifest> = {}): ModuleManifest => ({
  id: id as ModuleId,
  title: { de: id, en: id },
  description: { de: id, en: id },
  dependsOn: dependsOn as ModuleId[],
  core: false,
  defaultEnabled: true,
  permissions: [],
  nav: [],
  server: async () => ({}),
  ...extra,
});
const ids = (list: ModuleManifest[]) => list.map((m) => m.id);

describe('resolveModules', () => {
  it('orders modules so that dependencies come first', () => {
    const result = resolveModules(
      [fake('social', ['crm', 'ai']), fake('ai', ['admin']), fake('crm', ['admin']), fake('admin')],
      {},
    );
    const order = ids(result.enabled);
    expect(order.indexOf('admin' as ModuleId)).toBeLessThan(order.indexOf('crm' as ModuleId));
    expect(order.indexOf('crm' as ModuleId)).toBeLessThan(order.indexOf('social' as ModuleId));
    expect(order.indexOf('ai' as ModuleId)).toBeLessThan(order.indexOf('social' as ModuleId));
  });

  it('refuses a dependency cycle and names it', () => {
    expect(() => resolveModules([fake('a', ['b']), fake('b', ['c']), fake('c', ['a'])], {})).toThrow(
      /cycle: a → b → c → a/,
    );
  });

  it('refuses a dependency that does not exist', () => {
    expect(() => resolveModules([fake('social', ['crm'])], {})).toThrow(
      /depends on "crm", which does not exist/,
    );
  });

  it('refuses an enabled module whose dependency is switched off, saying what to change', () => {
    expect(() =>
      resolveModules([fake('crm'), fake('social', ['crm'])], { ['crm' as ModuleId]: false }),
    ).toThrow(ModuleGraphError);
    expect(() =>
      resolveModules([fake('crm'), fake('social', ['crm'])], { ['crm' as ModuleId]: false }),
    ).toThrow(/MODULE_CRM=true or MODULE_SOCIAL=false/);
  });

  it('leaves disabled modules out and reports every state', () => {
    const result = resolveModules([fake('crm'), fake('social', ['crm'])], { ['social' as ModuleId]: false });
    expect(ids(result.enabled)).toEqual(['crm']);
    expect(result.states).toEqual([
      { id: 'crm', enabled: true, source: 'default' },
      { id: 'social', enabled: false, source: 'config' },
    ]);
  });

  it('keeps core modules on and refuses switching them off', () => {
    expect(() => resolveModules([fake('admin', [], { core: true })], { admin: false })).toThrow(
      /core module/,
    );
  });
});
