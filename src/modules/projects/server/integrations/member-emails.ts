import { and, eq, inArray, sql } from 'drizzle-orm';
import { authUser, tenantMember } from '../../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../../platform/kernel.js';

/**
 * Outside tools know people by e-mail address, ImmoXX by user id: both directions, limited to the
 * office's members (the membership tables are the platform's and carry no row-level security).
 */
export async function emailsOf(
  platform: Platform,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await platform.database.db
    .select({ id: authUser.id, email: authUser.email })
    .from(tenantMember)
    .innerJoin(authUser, eq(authUser.id, tenantMember.userId))
    .where(and(eq(tenantMember.organizationId, tenantId), inArray(tenantMember.userId, [...userIds])));
  return new Map(rows.map((r) => [r.id, r.email]));
}

export async function memberByEmail(
  platform: Platform,
  tenantId: string,
  email: string,
): Promise<string | null> {
  const [row] = await platform.database.db
    .select({ id: authUser.id })
    .from(tenantMember)
    .innerJoin(authUser, eq(authUser.id, tenantMember.userId))
    .where(
      and(eq(tenantMember.organizationId, tenantId), eq(sql`lower(${authUser.email})`, email.toLowerCase())),
    );
  return row?.id ?? null;
}
