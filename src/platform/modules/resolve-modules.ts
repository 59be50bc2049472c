import type { ModuleId } from './module-ids.js';
import type { ModuleManifest } from './module-manifest.js';

export class ModuleGraphError extends Error {
  override name = 'ModuleGraphError';
}

export interface ModuleState {
  id: ModuleId;
  enabled: boolean;
  /** Why the module is on or off: `default`, `config`, `core`. */
  source: 'default' | 'config' | 'core';
}

export interface ResolvedModules {
  all: readonly ModuleManifest[];
  /** Enabled modules, dependencies first. */
  enabled: ModuleManifest[];
  states: ModuleState[];
}

/**
 * Applies the switches, then orders enabled modules so dependencies load first. Refuses
 * unknown dependencies, cycles, switching off a core module, and an enabled module whose
 * dependency is switched off — each with a message saying what to change.
 */
export function resolveModules(
  manifests: readonly ModuleManifest[],
  switches: Partial<Record<ModuleId, boolean>>,
): ResolvedModules {
  const byId = new Map<ModuleId, ModuleManifest>();
  for (const manifest of manifests) {
    if (byId.has(manifest.id)) throw new ModuleGraphError(`module "${manifest.id}" is registered twice`);
    byId.set(manifest.id, manifest);
  }
  for (const manifest of manifests) {
    for (const dependency of manifest.dependsOn) {
      if (!byId.has(dependency)) {
        throw new ModuleGraphError(
          `module "${manifest.id}" depends on "${dependency}", which does not exist`,
        );
      }
    }
  }
  assertNoCycles(manifests, byId);

  const states: ModuleState[] = manifests.map((manifest) => {
    const switched = switches[manifest.id];
    if (manifest.core) {
      if (switched === false) {
        throw new ModuleGraphError(
          `MODULE_${manifest.id.toUpperCase()}=false: "${manifest.id}" is a core module and cannot be disabled`,
        );
      }
      return { id: manifest.id, enabled: true, source: 'core' };
    }
    return switched === undefined
      ? { id: manifest.id, enabled: manifest.defaultEnabled, source: 'default' }
      : { id: manifest.id, enabled: switched, source: 'config' };
  });
  const enabledIds = new Set(states.filter((s) => s.enabled).map((s) => s.id));
  for (const id of enabledIds) {
    for (const dependency of byId.get(id)!.dependsOn) {
      if (!enabledIds.has(dependency)) {
        throw new ModuleGraphError(
          `module "${id}" needs "${dependency}", which is disabled: set MODULE_${dependency.toUpperCase()}=true or MODULE_${id.toUpperCase()}=false`,
        );
      }
    }
  }
  return {
    all: manifests,
    enabled: topologicalOrder(manifests, byId).filter((m) => enabledIds.has(m.id)),
    states,
  };
}

function assertNoCycles(manifests: readonly ModuleManifest[], byId: Map<ModuleId, ModuleManifest>): void {
  const visiting = new Set<ModuleId>();
  const done = new Set<ModuleId>();
  const visit = (id: ModuleId, path: ModuleId[]): void => {
    if (done.has(id)) return;
    if (visiting.has(id)) {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw new ModuleGraphError(`module dependency cycle: ${cycle.join(' → ')}`);
    }
    visiting.add(id);
    for (const dependency of byId.get(id)!.dependsOn) visit(dependency, [...path, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const manifest of manifests) visit(manifest.id, []);
}

function topologicalOrder(
  manifests: readonly ModuleManifest[],
  byId: Map<ModuleId, ModuleManifest>,
): ModuleManifest[] {
  const ordered: ModuleManifest[] = [];
  const placed = new Set<ModuleId>();
  const place = (manifest: ModuleManifest): void => {
    if (placed.has(manifest.id)) return;
    for (const dependency of manifest.dependsOn) place(byId.get(dependency)!);
    placed.add(manifest.id);
    ordered.push(manifest);
  };
  for (const manifest of manifests) place(manifest);
  return ordered;
}
