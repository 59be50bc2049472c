/** A routing rule as the network administrator wrote it; empty conditions match everything. */
export interface LeadRule {
  id: string;
  position: number;
  postalPrefix: string | null;
  marketingType: string | null;
  objectType: string | null;
  targetTenantId: string;
}

export interface RoutableLead {
  postalCode: string;
  marketingType: string;
  objectType: string | null;
}

export type RoutingDecision =
  | { tenantId: string; ruleId: string; reason: 'rule' }
  | { tenantId: string; ruleId: null; reason: 'fallback' }
  | { tenantId: null; ruleId: null; reason: 'no_office' };

export function ruleMatches(rule: LeadRule, lead: RoutableLead): boolean {
  if (rule.postalPrefix && !lead.postalCode.startsWith(rule.postalPrefix)) return false;
  if (rule.marketingType && rule.marketingType !== lead.marketingType) return false;
  // A rule for houses does not take a lead that did not say what it is about.
  if (rule.objectType && rule.objectType !== lead.objectType) return false;
  return true;
}

/**
 * The office that takes a lead: the first matching rule by position whose office can still work
 * (a member, not deactivated), else the fallback office, else none. A rule pointing at an office
 * that left is passed over rather than losing the lead to it.
 */
export function routeLead(
  rules: readonly LeadRule[],
  lead: RoutableLead,
  workingOffices: ReadonlySet<string>,
  fallbackTenantId: string | null,
): RoutingDecision {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    if (workingOffices.has(rule.targetTenantId) && ruleMatches(rule, lead))
      return { tenantId: rule.targetTenantId, ruleId: rule.id, reason: 'rule' };
  }
  if (fallbackTenantId && workingOffices.has(fallbackTenantId))
    return { tenantId: fallbackTenantId, ruleId: null, reason: 'fallback' };
  return { tenantId: null, ruleId: null, reason: 'no_office' };
}
