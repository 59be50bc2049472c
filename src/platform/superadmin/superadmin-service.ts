import { eq } from 'drizzle-orm';
import type { Cache } from '../cache/cache.js';
import type { Database } from '../db/database.js';
import { superadmin, superadminAudit } from './superadmin.schema.js';

const TTL_MS = 30_000;

/** Who operates the platform; asked on every super-admin request, so cached briefly. */
export class SuperadminService {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
  ) {}

  async is(userId: string): Promise<boolean> {
    const key = `superadmin:${userId}`;
    const cached = await this.cache.get<boolean>(key);
    if (cached !== undefined) return cached;
    const [row] = await this.database.db
      .select({ userId: superadmin.userId })
      .from(superadmin)
      .where(eq(superadmin.userId, userId));
    await this.cache.set(key, Boolean(row), TTL_MS);
    return Boolean(row);
  }

  async forget(userId: string): Promise<void> {
    await this.cache.delete(`superadmin:${userId}`);
  }

  async record(entry: typeof superadminAudit.$inferInsert): Promise<void> {
    await this.database.db.insert(superadminAudit).values(entry);
  }
}
