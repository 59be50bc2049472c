import { eq } from 'drizzle-orm';
import { authUser } from '../auth/auth.schema.js';
import type { Database } from '../db/database.js';
import { superadmin } from './superadmin.schema.js';

export class UnknownAccountError extends Error {}

/** Makes an account an operator of the platform, or (revoke) no longer one. Returns whether it changed. */
export async function setSuperadmin(
  database: Database,
  email: string,
  grant: boolean,
  by: string,
): Promise<boolean> {
  const [user] = await database.db
    .select({ id: authUser.id })
    .from(authUser)
    .where(eq(authUser.email, email.trim().toLowerCase()));
  if (!user)
    throw new UnknownAccountError(`No account with the address ${email}; sign up or be invited first.`);
  if (grant) {
    const inserted = await database.db
      .insert(superadmin)
      .values({ userId: user.id, grantedBy: by })
      .onConflictDoNothing()
      .returning();
    return inserted.length > 0;
  }
  const deleted = await database.db.delete(superadmin).where(eq(superadmin.userId, user.id)).returning();
  return deleted.length > 0;
}

export async function listSuperadmins(database: Database): Promise<{ email: string; grantedAt: Date }[]> {
  return database.db
    .select({ email: authUser.email, grantedAt: superadmin.grantedAt })
    .from(superadmin)
    .innerJoin(authUser, eq(authUser.id, superadmin.userId))
    .orderBy(superadmin.grantedAt);
}

/** SUPERADMIN_EMAILS at start: grants what is not granted yet, says which addresses have no account. */
export async function grantConfiguredSuperadmins(
  database: Database,
  emails: readonly string[],
  log: (message: string) => void,
): Promise<void> {
  for (const email of emails) {
    try {
      if (await setSuperadmin(database, email, true, 'SUPERADMIN_EMAILS'))
        log(`${email} ist jetzt Betreiber der Plattform (SUPERADMIN_EMAILS).`);
    } catch (error) {
      if (!(error instanceof UnknownAccountError)) throw error;
      log(`SUPERADMIN_EMAILS: Zu ${email} gibt es noch kein Konto; beim nächsten Start erneut versucht.`);
    }
  }
}
