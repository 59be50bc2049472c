import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { loginThrottle } from './auth.schema.js';

export interface LockState {
  locked: boolean;
  retryAfterSeconds: number;
}

/**
 * Locks an e-mail address after N failed sign-ins for M minutes, whether or not an account
 * exists (so the lockout does not reveal which addresses are registered).
 */
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly maxAttempts: number,
    private readonly lockoutMinutes: number,
  ) {}

  async state(email: string): Promise<LockState> {
    const [row] = await this.database.db.select().from(loginThrottle).where(eq(loginThrottle.email, email));
    const until = row?.lockedUntil?.getTime() ?? 0;
    const remaining = Math.ceil((until - Date.now()) / 1000);
    return remaining > 0
      ? { locked: true, retryAfterSeconds: remaining }
      : { locked: false, retryAfterSeconds: 0 };
  }

  async recordFailure(email: string): Promise<LockState> {
    const lockSql = sql`case when ${loginThrottle.failedAttempts} + 1 >= ${this.maxAttempts}
      then now() + make_interval(mins => ${this.lockoutMinutes}) else null end`;
    const [row] = await this.database.db
      .insert(loginThrottle)
      .values({
        email,
        failedAttempts: 1,
        lastFailedAt: new Date(),
        lockedUntil: this.maxAttempts <= 1 ? new Date(Date.now() + this.lockoutMinutes * 60_000) : null,
      })
      .onConflictDoUpdate({
        target: loginThrottle.email,
        set: {
          // After a lockout has expired, counting starts again.
          failedAttempts: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= now() then 1 else ${loginThrottle.failedAttempts} + 1 end`,
          lockedUntil: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= now() then null else ${lockSql} end`,
          lastFailedAt: new Date(),
        },
      })
      .returning();
    const until = row?.lockedUntil?.getTime() ?? 0;
    const remaining = Math.ceil((until - Date.now()) / 1000);
    return remaining > 0
      ? { locked: true, retryAfterSeconds: remaining }
      : { locked: false, retryAfterSeconds: 0 };
  }

  async reset(email: string): Promise<void> {
    await this.database.db.delete(loginThrottle).where(eq(loginThrottle.email, email));
  }
}
