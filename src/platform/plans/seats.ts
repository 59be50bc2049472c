import { and, count, eq, ne } from 'drizzle-orm';
import { tenantInvitation, tenantMember } from '../auth/auth.schema.js';
import type { Tx } from '../db/database.js';

/**
 * The seats an office's plan counts: its members and its open invitations (accepted, each becomes
 * a user). `except` leaves out the invitation of an address about to be invited again.
 */
export async function seatsInUse(
  tx: Tx,
  tenantId: string,
  except?: string,
): Promise<{ members: number; openInvitations: number }> {
  const [[members], [open]] = await Promise.all([
    tx.select({ n: count() }).from(tenantMember).where(eq(tenantMember.organizationId, tenantId)),
    tx
      .select({ n: count() })
      .from(tenantInvitation)
      .where(
        and(
          eq(tenantInvitation.organizationId, tenantId),
          eq(tenantInvitation.status, 'pending'),
          except === undefined ? undefined : ne(tenantInvitation.email, except),
        ),
      ),
  ]);
  return { members: members?.n ?? 0, openInvitations: open?.n ?? 0 };
}
