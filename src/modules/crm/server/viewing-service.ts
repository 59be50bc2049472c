import { eq } from 'drizzle-orm';
import { type AuditActor, recordAudit } from '../../../platform/audit/record-audit.js';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import { viewing } from '../schema.js';

/**
 * Changes to a viewing that come from outside the dialog (the agent moved or deleted it in the
 * phone calendar): the same audit and events as the routes, so visitors hear of it too.
 */
export async function moveViewing(
  platform: Platform,
  actor: AuditActor,
  viewingId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<boolean> {
  if (endsAt <= startsAt) return false;
  const moved = await platform.database.withTenant(actor.tenantId, async (tx) => {
    const [before] = await tx.select().from(viewing).where(eq(viewing.id, viewingId)).for('update');
    if (!before) return null;
    if (before.startsAt.getTime() === startsAt.getTime() && before.endsAt.getTime() === endsAt.getTime())
      return null;
    await tx
      .update(viewing)
      .set({ startsAt, endsAt, updatedAt: new Date() })
      .where(eq(viewing.id, viewingId));
    await recordAudit(tx, actor, {
      entity: 'viewing',
      entityId: viewingId,
      action: 'updated',
      before: { startsAt: before.startsAt, endsAt: before.endsAt },
      after: { startsAt, endsAt },
    });
    return before;
  });
  if (!moved) return false;
  platform.events.emit(
    'viewing.changed',
    actor.tenantId,
    { viewingId, propertyId: moved.propertyId, fields: ['time'] },
    actor.userId,
  );
  return true;
}

/** Deletes a viewing as the dialog's delete button does; false when it was already gone. */
export async function deleteViewing(
  platform: Platform,
  actor: AuditActor,
  viewingId: string,
): Promise<boolean> {
  const deleted = await platform.database.withTenant(actor.tenantId, async (tx) => {
    const [row] = await tx.delete(viewing).where(eq(viewing.id, viewingId)).returning({
      id: viewing.id,
      propertyId: viewing.propertyId,
      startsAt: viewing.startsAt,
      endsAt: viewing.endsAt,
    });
    if (row) await recordAudit(tx, actor, { entity: 'viewing', entityId: row.id, action: 'deleted' });
    return row ?? null;
  });
  if (!deleted) return false;
  platform.events.emit(
    'viewing.deleted',
    actor.tenantId,
    {
      viewingId: deleted.id,
      propertyId: deleted.propertyId,
      startsAt: deleted.startsAt.toISOString(),
      endsAt: deleted.endsAt.toISOString(),
    },
    actor.userId,
  );
  return true;
}
