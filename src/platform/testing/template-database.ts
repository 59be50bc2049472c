import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import { runMigrations } from '../db/migrate.js';

/** Migrations plus pg-boss's own schema, so test databases cloned from it start instantly. */
export async function prepareTemplate(database: Database): Promise<void> {
  await runMigrations(database);
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: false });
}
