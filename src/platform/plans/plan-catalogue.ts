/**
 * What each plan allows. Limits are enforced at the API (402 with the way up); null is unlimited.
 * Prices are net monthly list prices in cents; the billing provider holds the real price ids.
 */
export const PLAN_IDS = ['free', 'professional', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

/** Counted limits; `storageBytes` is the office's stored files (photos, documents, models). */
export const LIMITED_RESOURCES = ['users', 'properties', 'storageBytes'] as const;
export type LimitedResource = (typeof LIMITED_RESOURCES)[number];

const GIB = 1024 ** 3;

export interface Plan {
  id: PlanId;
  name: string;
  monthlyPriceCents: number;
  limits: Record<LimitedResource, number | null>;
  /**
   * AI cost included per month, in millionths of a US dollar. On Free it is a hard stop; on a paid
   * plan what lies above it is billed as metered usage (`ai_cost_micros`), so nothing stops.
   */
  aiIncludedMicros: number;
  aiOverage: 'blocked' | 'metered';
  /** Modules this plan does not include: their API answers 402 with the way up. */
  lockedModules: readonly string[];
}

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    monthlyPriceCents: 0,
    limits: { users: 2, properties: 10, storageBytes: 1 * GIB },
    aiIncludedMicros: 2_000_000,
    aiOverage: 'blocked',
    lockedModules: ['models3d', 'market', 'leadscoring', 'mailings'],
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    monthlyPriceCents: 9_900,
    limits: { users: 10, properties: 250, storageBytes: 50 * GIB },
    aiIncludedMicros: 25_000_000,
    aiOverage: 'metered',
    lockedModules: [],
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    monthlyPriceCents: 39_900,
    limits: { users: null, properties: null, storageBytes: null },
    aiIncludedMicros: 100_000_000,
    aiOverage: 'metered',
    lockedModules: [],
  },
};

/** Every module some plan locks: only their routes look the plan up. */
export const LOCKABLE_MODULES = new Set(PLAN_IDS.flatMap((id) => PLANS[id].lockedModules));

/** The smallest plan above `plan` that includes a module. */
export const planWithModule = (plan: PlanId, moduleId: string): PlanId | null =>
  PLAN_IDS.slice(PLAN_IDS.indexOf(plan) + 1).find((p) => !PLANS[p].lockedModules.includes(moduleId)) ?? null;

export const RESOURCE_LABELS: Record<LimitedResource, { one: string; many: string }> = {
  users: { one: 'Benutzer', many: 'Benutzer' },
  properties: { one: 'Objekt', many: 'Objekte' },
  storageBytes: { one: 'Speicher', many: 'Speicher' },
};

/** "1 GB", "2,4 GB", "350 MB": storage in the units a broker reads (1 GB = 1024³ bytes here). */
export function formatStorage(bytes: number, locale = 'de-DE'): string {
  const gib = bytes / GIB;
  if (gib >= 1) return `${gib.toLocaleString(locale, { maximumFractionDigits: 1 })} GB`;
  return `${Math.ceil(bytes / 1024 ** 2).toLocaleString(locale)} MB`;
}

export interface LimitViolation {
  resource: LimitedResource;
  plan: PlanId;
  limit: number;
  used: number;
  /** The smallest plan that would allow it; null when none does. */
  upgradeTo: PlanId | null;
}

/** Whether `adding` more of a resource fits the plan when `used` are already there. */
export function checkCapacity(
  plan: PlanId,
  resource: LimitedResource,
  used: number,
  adding = 1,
): LimitViolation | null {
  const limit = PLANS[plan].limits[resource];
  if (limit === null || used + adding <= limit) return null;
  const upgradeTo =
    PLAN_IDS.slice(PLAN_IDS.indexOf(plan) + 1).find((p) => {
      const higher = PLANS[p].limits[resource];
      return higher === null || used + adding <= higher;
    }) ?? null;
  return { resource, plan, limit, used, upgradeTo };
}

/** "Ihr Tarif Free umfasst 10 Objekte; 10 sind angelegt. Mit Professional sind es 250." */
export function violationMessage(v: LimitViolation): string {
  if (v.resource === 'storageBytes') {
    const next = v.upgradeTo ? PLANS[v.upgradeTo] : null;
    const nextLimit = next?.limits.storageBytes;
    const upgrade = next
      ? ` Mit ${next.name} sind es ${nextLimit == null ? 'unbegrenzt' : formatStorage(nextLimit)}.`
      : '';
    return `Ihr Tarif ${PLANS[v.plan].name} umfasst ${formatStorage(v.limit)} Speicher; ${formatStorage(v.used)} sind belegt, diese Datei passt nicht mehr hinein.${upgrade}`;
  }
  const label = RESOURCE_LABELS[v.resource];
  const next = v.upgradeTo ? PLANS[v.upgradeTo] : null;
  const nextLimit = next?.limits[v.resource];
  const upgrade = next
    ? ` Mit ${next.name} sind es ${nextLimit === null || nextLimit === undefined ? 'unbegrenzt viele' : nextLimit}.`
    : '';
  return `Ihr Tarif ${PLANS[v.plan].name} umfasst ${v.limit} ${v.limit === 1 ? label.one : label.many}; ${v.used} ${v.used === 1 ? 'ist' : 'sind'} schon angelegt.${upgrade}`;
}
