import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import { tenant } from '../auth/auth.schema.js';
import type { Database } from '../db/database.js';
import { PLAN_IDS, type PlanId } from './plan-catalogue.js';
import { tenantPlan } from './plans.schema.js';

export class UnknownOfficeError extends Error {}

/**
 * Puts an office on a plan, or (null) takes it off plans altogether, as the operator does before
 * payments run through a provider. Audited in the office's log as done by the operator.
 */
export async function assignPlan(
  database: Database,
  officeSlug: string,
  plan: PlanId | null,
  operator: string,
): Promise<{ tenantId: string; before: PlanId | null }> {
  if (plan !== null && !PLAN_IDS.includes(plan)) throw new Error(`Unknown plan ${plan}`);
  const [office] = await database.db
    .select({ id: tenant.id })
    .from(tenant)
    .where(eq(tenant.slug, officeSlug));
  if (!office) throw new UnknownOfficeError(`No office with the address name "${officeSlug}".`);
  return database.withTenant(office.id, async (tx) => {
    const [current] = await tx.select().from(tenantPlan);
    if (plan === null) await tx.delete(tenantPlan);
    else
      await tx
        .insert(tenantPlan)
        .values({ tenantId: office.id, plan, status: 'active' })
        .onConflictDoUpdate({
          target: tenantPlan.tenantId,
          set: { plan, status: 'active', updatedAt: new Date() },
        });
    await recordAudit(
      tx,
      { tenantId: office.id, userId: null, userName: operator, ipAddress: null, requestId: null },
      {
        entity: 'plan',
        entityId: office.id,
        action: 'assigned',
        before: { plan: current?.plan ?? null },
        after: { plan },
      },
    );
    return { tenantId: office.id, before: (current?.plan as PlanId | undefined) ?? null };
  });
}
