import { getTableName, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { LRUCache } from 'lru-cache';
import type { Database, Tx } from './database.js';
import { cappedTotal, countQueryKey, type ListTotal, TOTAL_CAP } from './list-page.js';

/** The channel migration 0032's trigger notifies with "<table>:<tenant id>" after each commit. */
export const LIST_CHANGE_CHANNEL = 'immoxx_list_change';

/** A safety net only: a lost notification cannot keep a total wrong for longer than this. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Totals of filtered lists, counted once and kept until the list's table changes for that
 * office (issue 19). Paging through a list, coming back to it or reloading it no longer counts
 * up to 1,000 rows each time. The database says what changed: a statement trigger on each listed
 * table sends NOTIFY at commit, each server process listens. The version is read before the
 * count, so a write that commits while counting always invalidates what that count stores.
 * Tables without the trigger are counted every time (never served stale).
 */
export class ListTotals {
  private readonly versions = new Map<string, number>();
  private readonly tracked = new Set<string>();
  /** Writes this process answered per tenant: read-your-writes without waiting for NOTIFY. */
  private readonly tenantWrites = new Map<string, number>();
  /** Bumped when notifications may have been missed: every stored total is then suspect. */
  private epoch = 0;
  private listening = false;
  private stopListening: (() => Promise<void>) | null = null;
  private readonly totals = new LRUCache<string, { version: string; total: ListTotal }>({
    max: 5000,
    ttl: MAX_AGE_MS,
  });

  constructor(private readonly database: Database) {}

  /** Listens, and learns which tables carry the notify trigger (a module's migration adds it). */
  async start(): Promise<void> {
    const { rows } = await this.database.executeSql(
      `select distinct c.relname as name from pg_trigger t
         join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where p.proname = 'immoxx_notify_list_change'`,
    );
    for (const row of rows) this.tracked.add(String(row.name));
    this.stopListening = await this.database.listen(
      LIST_CHANGE_CHANNEL,
      (payload) => this.versions.set(payload, (this.versions.get(payload) ?? 0) + 1),
      () => {
        this.epoch += 1;
        this.totals.clear();
      },
    );
    this.listening = true;
  }

  /**
   * Called before a write request's response goes out: a notification travels on another
   * connection on PostgreSQL and might arrive after the user's next list request.
   */
  touchTenant(tenantId: string): void {
    this.tenantWrites.set(tenantId, (this.tenantWrites.get(tenantId) ?? 0) + 1);
  }

  async stop(): Promise<void> {
    this.listening = false;
    await this.stopListening?.();
  }

  /** Like `cappedTotal`, served from memory while the table is unchanged for this tenant. */
  async count(
    tx: Tx,
    tenantId: string,
    table: PgTable,
    where: SQL | undefined,
    options: { exact?: boolean; cap?: number } = {},
  ): Promise<ListTotal> {
    const name = getTableName(table);
    if (!this.listening || !this.tracked.has(name)) return cappedTotal(tx, table, where, options);
    const version = `${this.epoch}.${this.tenantWrites.get(tenantId) ?? 0}.${this.versions.get(`${name}:${tenantId}`) ?? 0}`;
    const cap = options.cap ?? TOTAL_CAP;
    const key = `${tenantId}|${options.exact ? 'exact' : cap}|${countQueryKey(tx, table, where)}`;
    const cached = this.totals.get(key);
    if (cached && cached.version === version) return cached.total;
    const total = await cappedTotal(tx, table, where, options);
    this.totals.set(key, { version, total });
    return total;
  }
}
