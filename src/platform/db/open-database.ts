import { join } from 'node:path';
import type { AppConfig } from '../config/load-config.js';
import type { Database } from './database.js';
import { runMigrations } from './migrate.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite under DATA_DIR/db; migrated. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  const database = config.env.DATABASE_URL
    ? await openPostgres(config.env.DATABASE_URL, config.env.DATABASE_POOL_SIZE)
    : await openPglite({ dataDir: join(config.dataDir, 'db') });
  try {
    await runMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
