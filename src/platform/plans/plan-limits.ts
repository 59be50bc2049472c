import type { Tx } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { checkCapacity, type LimitedResource, type PlanId, violationMessage } from './plan-catalogue.js';
import { tenantPlan } from './plans.schema.js';

/** Where the office sees its plan and moves up. */
export const UPGRADE_PATH = '/abrechnung';

/** The current tenant's plan (row-level security picks it), or null: no plan, no limits. */
export async function currentPlan(tx: Tx): Promise<typeof tenantPlan.$inferSelect | null> {
  const [row] = await tx.select().from(tenantPlan).limit(1);
  return row ?? null;
}

type PlanRow = typeof tenantPlan.$inferSelect;

/**
 * The plan that applies now. A trial given at sign-up without a subscription ends on its day and
 * the office is on Free from then (a subscription's trial is Stripe's to end, by webhook).
 */
export function effectivePlan(row: PlanRow, now = new Date()): PlanRow {
  const lapsed =
    row.status === 'trialing' &&
    !row.stripeSubscriptionId &&
    row.trialEndsAt !== null &&
    row.trialEndsAt <= now;
  return lapsed ? { ...row, plan: 'free', status: 'active', trialEndsAt: null } : row;
}

/**
 * Refuses, with 402 and the way up, to add `adding` of a resource beyond the plan. `countUsed`
 * runs only when the office has a plan, inside the same transaction as the write it guards.
 */
export async function assertCapacity(
  tx: Tx,
  resource: LimitedResource,
  countUsed: () => Promise<number>,
  adding = 1,
): Promise<void> {
  const row = await currentPlan(tx);
  if (!row) return;
  const plan = effectivePlan(row);
  const violation = checkCapacity(plan.plan as PlanId, resource, await countUsed(), adding);
  if (violation)
    throw new AppError(402, 'plan_limit', `${violationMessage(violation)} Tarif und Nutzung: „Abrechnung“.`, {
      ...violation,
      upgradePath: UPGRADE_PATH,
    });
}
