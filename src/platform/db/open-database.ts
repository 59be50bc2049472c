import { join } from 'node:path';
import { checkDataDir } from '../config/check-data-dir.js';
import type { AppConfig } from '../config/load-config.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './database.js';
import { runMigrations, waitForSchema } from './migrate.js';
import { openPgliteWorker } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite under DATA_DIR/db (locked to this process); migrated. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  const database = config.env.DATABASE_URL
    ? await openPostgres(config.env.DATABASE_URL, config.env.DATABASE_POOL_SIZE)
    : await openLockedPglite(config.dataDir);
  try {
    if (config.env.MIGRATE_ON_START || database.kind === 'pglite') await runMigrations(database);
    else await waitForSchema(database, 120_000);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** One process per embedded database: the lock is taken before PGlite opens and let go after it closes. */
async function openLockedPglite(dataDir: string): Promise<Database> {
  checkDataDir(dataDir);
  const release = lockDataDir(dataDir);
  try {
    const database = await openPgliteWorker(join(dataDir, 'db'));
    const close = database.close.bind(database);
    return Object.assign(database, {
      async close() {
        await close();
        release();
      },
    });
  } catch (error) {
    release();
    throw error;
  }
}
