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
  const plan = await currentPlan(tx);
  if (!plan) return;
  const violation = checkCapacity(plan.plan as PlanId, resource, await countUsed(), adding);
  if (violation)
    throw new AppError(402, 'plan_limit', `${violationMessage(violation)} Tarif und Nutzung: „Abrechnung“.`, {
      ...violation,
      upgradePath: UPGRADE_PATH,
    });
}
