import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { type Database, type Db, enterTenant, type SqlResult, type Tx } from './database.js';

export interface PgliteOptions {
  /** Directory for the data files; omitted = in memory (tests). */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (test template). */
  loadDataDir?: Blob | File;
}

export async function openPglite(options: PgliteOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    // PGlite defaults to 128 MB; the OS page cache already holds the data files, and a small
    // buffer pool keeps the embedded server's resident memory modest.
    postgresqlconf: 'shared_buffers = 32MB',
    // Trigram indexes find words inside German compounds ("Wohnung" in "Dachgeschosswohnung").
    extensions: { pg_trgm },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db: Db = drizzle({ client, casing: 'snake_case' });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    withTenant: (tenantId, fn) =>
      db.transaction(async (tx) => {
        await enterTenant(tx as Tx, tenantId);
        return fn(tx as Tx);
      }),
    async executeSql(text, values): Promise<SqlResult> {
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      // pg-boss sends multi-statement scripts without parameters; exec runs them all.
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
