import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { tenant } from '../auth/auth.schema.js';
import type { Db, Tx } from '../db/database.js';
import { conflict } from '../http/app-error.js';
import { supportAccessGrant, supportSession } from './support-access.schema.js';

/** The cookie of a running support session; sent only with the operator's own session cookie. */
export const SUPPORT_COOKIE = 'immoxx_support';
/** A support session lasts at most this long (and never beyond the owner's grant). */
export const SUPPORT_SESSION_MS = 60 * 60_000;
/** How long an owner may open the office to support at once. */
export const SUPPORT_GRANT_HOURS = [1, 4, 24, 72] as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The token in a Cookie header, if any (a plain name=value pair; no library for one value). */
export function supportTokenOf(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SUPPORT_COOKIE && value.length > 0) return value.join('=') || null;
  }
  return null;
}

export function supportCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SUPPORT_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export const clearedSupportCookie = (secure: boolean) =>
  `${SUPPORT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;

/** The office's running grant, read in its own transaction or by the platform. */
export async function activeGrant(db: Db | Tx, tenantId: string) {
  const [grant] = await db
    .select()
    .from(supportAccessGrant)
    .where(
      and(
        eq(supportAccessGrant.tenantId, tenantId),
        isNull(supportAccessGrant.revokedAt),
        gt(supportAccessGrant.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(supportAccessGrant.expiresAt))
    .limit(1);
  return grant;
}

/** Opens a support session for an operator in an office; refused without the owner's running consent. */
export async function startSupportSession(
  db: Db,
  operator: { id: string; name: string; email: string },
  tenantId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const grant = await activeGrant(db, tenantId);
  if (!grant)
    throw conflict(
      'no_consent',
      'Das Büro hat dem Support keinen Zugriff erlaubt. Die Inhaberin oder der Inhaber kann ihn unter Einstellungen → Support-Zugriff freigeben.',
    );
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Math.min(grant.expiresAt.getTime(), Date.now() + SUPPORT_SESSION_MS));
  await db.insert(supportSession).values({
    tokenHash: hashToken(token),
    grantId: grant.id,
    tenantId,
    operatorUserId: operator.id,
    operatorName: operator.name,
    operatorEmail: operator.email,
    expiresAt,
  });
  return { token, expiresAt };
}

export interface RunningSupport {
  sessionId: string;
  tenantId: string;
  tenantName: string;
  tenantDeactivated: boolean;
  expiresAt: Date;
}

/**
 * The support session a token opens for this operator, while it, its grant and the operator's
 * own session all hold: ended, expired or revoked, it opens nothing.
 */
export async function runningSupport(
  db: Db,
  token: string,
  operatorUserId: string,
): Promise<RunningSupport | null> {
  const now = new Date();
  const [row] = await db
    .select({
      sessionId: supportSession.id,
      tenantId: supportSession.tenantId,
      tenantName: tenant.name,
      deactivatedAt: tenant.deactivatedAt,
      expiresAt: supportSession.expiresAt,
    })
    .from(supportSession)
    .innerJoin(supportAccessGrant, eq(supportAccessGrant.id, supportSession.grantId))
    .innerJoin(tenant, eq(tenant.id, supportSession.tenantId))
    .where(
      and(
        eq(supportSession.tokenHash, hashToken(token)),
        eq(supportSession.operatorUserId, operatorUserId),
        isNull(supportSession.endedAt),
        gt(supportSession.expiresAt, now),
        isNull(supportAccessGrant.revokedAt),
        gt(supportAccessGrant.expiresAt, now),
      ),
    );
  if (!row) return null;
  return {
    sessionId: row.sessionId,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    tenantDeactivated: row.deactivatedAt !== null,
    expiresAt: row.expiresAt,
  };
}

export async function endSupportSession(db: Db, token: string): Promise<void> {
  await db
    .update(supportSession)
    .set({ endedAt: new Date() })
    .where(and(eq(supportSession.tokenHash, hashToken(token)), isNull(supportSession.endedAt)));
}
