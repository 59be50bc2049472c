import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type Database, type Db, enterTenant, type SqlResult, type Tx } from './database.js';
import { listenWithReconnect } from './listen-postgres.js';

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // A broken idle connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db: Db = drizzle({ client: pool, casing: 'snake_case' });
  await db.execute(sql`select 1`);
  let closed = false;
  return {
    kind: 'postgres',
    db,
    pool,
    withTenant: (tenantId, fn) =>
      db.transaction(async (tx) => {
        await enterTenant(tx as Tx, tenantId);
        return fn(tx as Tx);
      }),
    async executeSql(text, values): Promise<SqlResult> {
      const result = await pool.query(text, values as unknown[] | undefined);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    listen: (channel, onMessage, onGap) => listenWithReconnect(url, channel, onMessage, onGap),
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
