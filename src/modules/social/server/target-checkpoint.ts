import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { PublishCheckpoint } from '../providers/social-adapter.js';
import { socialTarget } from '../schema.js';

/** A channel's publish progress, kept in its row so a retry or a taken-over claim goes on from there. */
export function targetCheckpoint(
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  targetId: string,
  initial: Record<string, unknown>,
): PublishCheckpoint {
  const values = { ...initial };
  return {
    get: <T>(key: string) => values[key] as T | undefined,
    async set(key, value) {
      values[key] = value;
      const patch = JSON.stringify({ [key]: value });
      await withTenant((tx) =>
        tx
          .update(socialTarget)
          .set({ progress: sql`${socialTarget.progress} || ${patch}::jsonb` })
          .where(eq(socialTarget.id, targetId)),
      );
    },
  };
}
