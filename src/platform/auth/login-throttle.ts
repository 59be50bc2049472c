import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { loginThrottle } from './auth.schema.js';

export interface LockState {
  locked: boolean;
  retryAfterSeconds: number;
  failedAttempts: number;
}

/** The first wait once the allowed failures are used up; it doubles with every further failure. */
const FIRST_WAIT_SECONDS = 30;

/** One row per e-mail address and client address (the table's `email` column holds that pair). */
const keyOf = (email: string, address: string) => `${email.toLowerCase()} ${address}`;

const stateOf = (row: { lockedUntil: Date | null; failedAttempts: number } | undefined): LockState => {
  const remaining = Math.ceil(((row?.lockedUntil?.getTime() ?? 0) - Date.now()) / 1000);
  return {
    locked: remaining > 0,
    retryAfterSeconds: Math.max(0, remaining),
    failedAttempts: row?.failedAttempts ?? 0,
  };
};

/**
 * Slows password guessing per e-mail address *and* client address: after `maxAttempts`
 * failures from one address, each further try from there waits twice as long (30 s, 1 min,
 * 2 min … up to `maxWaitMinutes`). Failures from elsewhere never lock the account's owner out,
 * and a device that signed in before passes (see auth.routes.ts). Unknown and known e-mail
 * addresses are treated alike, so the throttle does not reveal which exist.
 */
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly maxAttempts: number,
    private readonly maxWaitMinutes: number,
  ) {}

  async state(email: string, address: string): Promise<LockState> {
    const [row] = await this.database.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.email, keyOf(email, address)));
    return stateOf(row);
  }

  async recordFailure(email: string, address: string): Promise<LockState> {
    const failures = sql`${loginThrottle.failedAttempts} + 1`;
    const wait = sql`least(${this.maxWaitMinutes * 60}, ${FIRST_WAIT_SECONDS} * power(2, greatest(0, ${failures} - ${this.maxAttempts})))`;
    const [row] = await this.database.db
      .insert(loginThrottle)
      .values({
        email: keyOf(email, address),
        failedAttempts: 1,
        lastFailedAt: new Date(),
        lockedUntil: this.maxAttempts <= 1 ? new Date(Date.now() + FIRST_WAIT_SECONDS * 1000) : null,
      })
      .onConflictDoUpdate({
        target: loginThrottle.email,
        set: {
          // A day without failures starts the count again.
          failedAttempts: sql`case when ${loginThrottle.lastFailedAt} < now() - interval '1 day' then 1 else ${failures} end`,
          lockedUntil: sql`case when ${failures} >= ${this.maxAttempts} then now() + make_interval(secs => ${wait}) else null end`,
          lastFailedAt: new Date(),
        },
      })
      .returning();
    return stateOf(row);
  }

  async reset(email: string, address: string): Promise<void> {
    await this.database.db.delete(loginThrottle).where(eq(loginThrottle.email, keyOf(email, address)));
  }
}
