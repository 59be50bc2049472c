import type { Tx } from '../db/database.js';
import { auditLog } from './audit.schema.js';
import { auditDiff } from './audit-diff.js';

export interface AuditActor {
  tenantId: string;
  userId: string | null;
  userName: string | null;
  ipAddress: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    userId: actor.userId,
    userName: actor.userName,
    ipAddress: actor.ipAddress,
    requestId: actor.requestId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    changes: auditDiff(entry.before ?? null, entry.after ?? null),
  });
}
