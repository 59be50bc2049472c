import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { PLANS, type PlanId, planWithModule } from './plan-catalogue.js';
import { effectivePlan, UPGRADE_PATH } from './plan-limits.js';
import { tenantPlan } from './plans.schema.js';

/**
 * The plan that applies to an office now, read by the platform outside the office's transaction
 * (request hooks, /api/me); null: the office has no plan, so no limits.
 */
export async function officePlan(database: Database, tenantId: string): Promise<PlanId | null> {
  const [row] = await database.db.select().from(tenantPlan).where(eq(tenantPlan.tenantId, tenantId));
  return row ? (effectivePlan(row).plan as PlanId) : null;
}

/** The modules an office's plan leaves out (none without a plan). */
export async function lockedModules(database: Database, tenantId: string): Promise<readonly string[]> {
  const plan = await officePlan(database, tenantId);
  return plan ? PLANS[plan].lockedModules : [];
}

/** 402 with the way up when the office's plan does not include the module. */
export async function assertModuleInPlan(
  database: Database,
  tenantId: string,
  module: { id: string; title: string },
): Promise<void> {
  const plan = await officePlan(database, tenantId);
  if (!plan || !PLANS[plan].lockedModules.includes(module.id)) return;
  const upgradeTo = planWithModule(plan, module.id);
  throw new AppError(
    402,
    'plan_module',
    `„${module.title}“ ist im Tarif ${PLANS[plan].name} nicht enthalten.${
      upgradeTo ? ` Mit ${PLANS[upgradeTo].name} können Sie es nutzen.` : ''
    } Tarif wechseln: „Abrechnung“.`,
    { module: module.id, plan, upgradeTo, upgradePath: UPGRADE_PATH },
  );
}
