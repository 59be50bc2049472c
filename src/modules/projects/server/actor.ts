import type { AuditActor } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';

/** Who acts and in which office: a signed-in user from a request, or the system from a job or event. */
export interface ProjectsActor {
  tenantId: string;
  userId: string | null;
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Who the audit log names: the request's user with address and request id, or the system. */
  audit: AuditActor;
}

export const requestActor = (ctx: {
  tenantId: string;
  auth: { user: { id: string } };
  actor: AuditActor;
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}): ProjectsActor => ({
  tenantId: ctx.tenantId,
  userId: ctx.auth.user.id,
  db: (fn) => ctx.db(fn),
  audit: ctx.actor,
});

/** The office itself, for work done by automation: row-level security still applies. */
export const systemActor = (
  platform: Platform,
  tenantId: string,
  userId: string | null = null,
): ProjectsActor => ({
  tenantId,
  userId,
  db: (fn) => platform.database.withTenant(tenantId, fn),
  audit: { tenantId, userId, userName: userId ? null : 'Automatisierung', ipAddress: null, requestId: null },
});
