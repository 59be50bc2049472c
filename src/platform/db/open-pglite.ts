import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle, PgliteSession, PgliteTransaction } from 'drizzle-orm/pglite';
import { type Database, type Db, enterTenant, type SqlResult, type Tx, tenantSetup } from './database.js';
import { RemotePglite } from './pglite-remote.js';
import { asTransactionBody, guardedClient } from './transaction-guard.js';

export interface PgliteOptions {
  /** Directory for the data files; omitted = in memory (tests). */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (test template). */
  loadDataDir?: Blob | File;
}

// PGlite defaults to 128 MB; the OS page cache already holds the data files, and a small
// buffer pool keeps the embedded server's resident memory modest.
const POSTGRESQL_CONF = 'shared_buffers = 32MB';

/** The part of PGlite's client API ImmoXX uses: an in-thread PGlite or the worker's remote end. */
type PgliteClient = Pick<PGlite, 'query' | 'exec' | 'listen' | 'close'> | RemotePglite;

/** In this thread: tests (in memory, from a template) and tools. */
export async function openPglite(options: PgliteOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    postgresqlconf: POSTGRESQL_CONF,
    // Trigram indexes find words inside German compounds ("Wohnung" in "Dachgeschosswohnung").
    extensions: { pg_trgm },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const client = guardedClient(pglite);
  return pgliteDatabase(client, drizzle({ client, casing: 'snake_case' }), pglite);
}

/**
 * On a worker thread (the server's default, issue 19): PostgreSQL's work and the parsing of its
 * answers no longer hold up the thread that serves requests, so the two cores share the load.
 */
export async function openPgliteWorker(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const client = guardedClient(await RemotePglite.start(dataDir, POSTGRESQL_CONF));
  // Drizzle's PGlite driver needs only query, exec and transaction, which the remote end provides.
  const db: Db = drizzle({ client: client as unknown as PGlite, casing: 'snake_case' });
  const dialect = new PgDialect({ casing: 'snake_case' });
  return {
    ...pgliteDatabase(client, db),
    // The role and tenant travel with the transaction's first statement (see RemotePglite).
    withTenant: (tenantId, fn) =>
      client.transaction(
        (txClient) => {
          // What drizzle's own PGlite transaction builds around a transaction client.
          const session = new PgliteSession(txClient as unknown as PGlite, dialect, undefined);
          return asTransactionBody(() =>
            fn(new PgliteTransaction(dialect, session, undefined) as unknown as Tx),
          );
        },
        { setup: [tenantSetup(tenantId)] },
      ),
  };
}

function pgliteDatabase(client: PgliteClient, db: Db, pglite?: PGlite): Database {
  let closed = false;
  return {
    kind: 'pglite',
    db,
    ...(pglite ? { pglite } : {}),
    withTenant: (tenantId, fn) =>
      db.transaction(async (tx) => {
        await enterTenant(tx as Tx, tenantId);
        return asTransactionBody(() => fn(tx as Tx));
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
    async listen(channel, onMessage) {
      // One embedded server, one session: nothing can be missed, so there is never a gap.
      const stop = await client.listen(channel, onMessage);
      return () => stop();
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
