import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import { APP_ROLE_NAME } from './tenant-table.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>>;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** One database handle, embedded (PGlite) or server (node-postgres), with the same API. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Owner connection: migrations, auth, jobs, platform internals. Bypasses row-level security. */
  readonly db: Db;
  /** Runs `fn` in a transaction as the app role with the tenant set, so RLS policies apply. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw SQL for libraries that bring their own queries (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /**
   * Calls `onMessage` with each NOTIFY payload on `channel`, and `onGap` whenever messages may
   * have been missed (the listening connection dropped and came back). Resolves to a stop function.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onGap: () => void,
  ): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly pglite?: PGlite;
  readonly pool?: Pool;
}

/** Switches the transaction to the app role and sets the tenant; both reset at commit/rollback. */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  if (!tenantId) throw new Error('withTenant needs a tenant id');
  await tx.execute(
    sql`select set_config('role', ${APP_ROLE_NAME}, true), set_config('app.tenant_id', ${tenantId}, true)`,
  );
}

/** The same as `enterTenant`, as a statement for drivers that send it along with the first query. */
export function tenantSetup(tenantId: string): { sql: string; params: unknown[] } {
  if (!tenantId) throw new Error('withTenant needs a tenant id');
  return {
    sql: `select set_config('role', $1, true), set_config('app.tenant_id', $2, true)`,
    params: [APP_ROLE_NAME, tenantId],
  };
}
