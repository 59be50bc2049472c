import type { Role } from './roles.js';

export interface LocalizedText {
  de: string;
  en: string;
}

/** A permission a module defines, with the roles that hold it by default. */
export interface PermissionDefinition {
  id: string;
  label: LocalizedText;
  roles: readonly Role[];
}

export class UnknownPermissionError extends Error {
  constructor(id: string) {
    super(`permission "${id}" is not defined by any enabled module`);
  }
}

/** All permissions of the enabled modules; answers "may this role do that". */
export class PermissionRegistry {
  readonly #byId = new Map<string, PermissionDefinition & { module: string }>();

  register(module: string, definitions: readonly PermissionDefinition[]): void {
    for (const definition of definitions) {
      if (!definition.id.startsWith(`${module}.`)) {
        throw new Error(`permission "${definition.id}" of module ${module} must start with "${module}."`);
      }
      if (this.#byId.has(definition.id)) throw new Error(`permission "${definition.id}" defined twice`);
      this.#byId.set(definition.id, { ...definition, module });
    }
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  allows(role: Role, permission: string): boolean {
    const definition = this.#byId.get(permission);
    if (!definition) throw new UnknownPermissionError(permission);
    return definition.roles.includes(role);
  }

  forRole(role: Role): string[] {
    return [...this.#byId.values()].filter((d) => d.roles.includes(role)).map((d) => d.id);
  }

  all(): (PermissionDefinition & { module: string })[] {
    return [...this.#byId.values()];
  }
}
