import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './database.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Key of the advisory lock that keeps two starting servers from migrating at once. */
const MIGRATION_LOCK_KEY = 774_201_1;

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePostgres(database.db as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** Migrations this build ships (drizzle's journal). */
export function shippedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrationCount(database: Database): Promise<number> {
  try {
    const { rows } = await database.executeSql(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
      [],
    );
    return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
  } catch {
    return 0; // no schema yet
  }
}

/**
 * MIGRATE_ON_START=false (replicas behind a one-shot migration job): waits until that job has
 * brought the schema to this build's level, and refuses to serve an older schema.
 */
export async function waitForSchema(database: Database, timeoutMs: number): Promise<void> {
  const wanted = shippedMigrationCount();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const applied = await appliedMigrationCount(database);
    if (applied >= wanted) return;
    if (Date.now() > deadline)
      throw new Error(
        `the database has ${applied} of this build's ${wanted} migrations; run the migration job (npm run db:migrate) first`,
      );
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
