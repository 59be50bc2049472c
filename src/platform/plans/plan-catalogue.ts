/**
 * What each plan allows. Limits are enforced at the API (402 with the way up); null is unlimited.
 * Prices are net monthly list prices in cents; the billing provider holds the real price ids.
 */
export const PLAN_IDS = ['free', 'professional', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const LIMITED_RESOURCES = ['users', 'properties'] as const;
export type LimitedResource = (typeof LIMITED_RESOURCES)[number];

export interface Plan {
  id: PlanId;
  name: string;
  monthlyPriceCents: number;
  limits: Record<LimitedResource, number | null>;
}

export const PLANS: Record<PlanId, Plan> = {
  free: { id: 'free', name: 'Free', monthlyPriceCents: 0, limits: { users: 2, properties: 10 } },
  professional: {
    id: 'professional',
    name: 'Professional',
    monthlyPriceCents: 9_900,
    limits: { users: 10, properties: 250 },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    monthlyPriceCents: 39_900,
    limits: { users: null, properties: null },
  },
};

export const RESOURCE_LABELS: Record<LimitedResource, { one: string; many: string }> = {
  users: { one: 'Benutzer', many: 'Benutzer' },
  properties: { one: 'Objekt', many: 'Objekte' },
};

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
  const label = RESOURCE_LABELS[v.resource];
  const next = v.upgradeTo ? PLANS[v.upgradeTo] : null;
  const nextLimit = next?.limits[v.resource];
  const upgrade = next
    ? ` Mit ${next.name} sind es ${nextLimit === null || nextLimit === undefined ? 'unbegrenzt viele' : nextLimit}.`
    : '';
  return `Ihr Tarif ${PLANS[v.plan].name} umfasst ${v.limit} ${v.limit === 1 ? label.one : label.many}; ${v.used} ${v.used === 1 ? 'ist' : 'sind'} schon angelegt.${upgrade}`;
}
