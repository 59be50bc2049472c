import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { tenantPlan } from './plans.schema.js';

/** Days an office keeps working after a failed payment, to update its payment method. */
export const GRACE_DAYS = 14;

/** Read-only: set so, or a payment failed and the grace period is over. */
export function isReadOnly(
  plan: Pick<typeof tenantPlan.$inferSelect, 'status' | 'graceEndsAt'> | null | undefined,
  now = new Date(),
): boolean {
  if (!plan) return false;
  if (plan.status === 'read_only') return true;
  return plan.status === 'past_due' && plan.graceEndsAt !== null && plan.graceEndsAt <= now;
}

/**
 * Refuses a write of an office that is read-only for an unpaid plan. Billing itself stays open,
 * so the owner can pay. One primary-key lookup per write.
 */
export async function assertWritable(database: Database, tenantId: string): Promise<void> {
  const [plan] = await database.db
    .select({ status: tenantPlan.status, graceEndsAt: tenantPlan.graceEndsAt })
    .from(tenantPlan)
    .where(eq(tenantPlan.tenantId, tenantId));
  if (isReadOnly(plan))
    throw new AppError(
      402,
      'office_read_only',
      'Ihr Büro ist nur lesbar, weil eine Zahlung offen ist. Bitte unter „Abrechnung“ die Zahlungsdaten aktualisieren; danach geht es sofort weiter.',
      { upgradePath: '/abrechnung' },
    );
}
