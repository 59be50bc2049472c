import { and, count, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.js';

/**
 * The one list pattern of every module (issue 19): totals counted exactly only up to a cap and
 * estimated by the planner above it (an exact total over thousands of matches was most of a
 * list request's cost), and keyset ("seek") pagination on the sort key plus id, so "next page"
 * costs the same on page 400 as on page 1 and rows inserted or deleted meanwhile do not shift it.
 */
export const TOTAL_CAP = 1000;

export interface ListTotal {
  value: number;
  /** False when the value is the cap-exceeding planner estimate; ask with `exactTotal` for the count. */
  exact: boolean;
}

/** Counts the rows `where` selects, stopping after `cap + 1`; above the cap, the planner's estimate. */
export async function cappedTotal(
  tx: Tx,
  table: PgTable,
  where: SQL | undefined,
  options: { cap?: number; exact?: boolean } = {},
): Promise<ListTotal> {
  if (options.exact) {
    const [row] = await tx.select({ n: count() }).from(table).where(where);
    return { value: row?.n ?? 0, exact: true };
  }
  const cap = options.cap ?? TOTAL_CAP;
  const limited = tx
    .select({ one: sql`1`.as('one') })
    .from(table)
    .where(where)
    .limit(cap + 1)
    .as('limited');
  const [row] = await tx.select({ n: count() }).from(limited);
  const n = row?.n ?? 0;
  if (n <= cap) return { value: n, exact: true };
  const estimate = await plannerRows(tx, sql`select 1 from ${table} where ${where ?? sql`true`}`);
  return { value: Math.max(cap + 1, estimate), exact: false };
}

async function plannerRows(tx: Tx, query: SQL): Promise<number> {
  const result = (await tx.execute(sql`explain (format json) ${query}`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  const cell = result.rows[0] ? Object.values(result.rows[0])[0] : null;
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as
    | { Plan?: { 'Plan Rows'?: number } }[]
    | null;
  return Math.round(plan?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

export interface SortKey {
  /** The sort expression (a column or an SQL expression such as the headline price). */
  key: PgColumn | SQL;
  /** The unique tie-breaker, usually the id. */
  id: PgColumn;
  direction: 'asc' | 'desc';
  /** Empty values sort last in either direction. */
  nullable?: boolean;
}

/** An opaque position in a list: the last row's sort value and id. */
export interface Cursor {
  value: string | number | null;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');

/** Null for anything that is not a cursor this helper wrote (the API answers 400 then). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
    if (typeof id !== 'string' || id.length > 100) return null;
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null;
    return { value: value as Cursor['value'], id };
  } catch {
    return null;
  }
}

/** ORDER BY for the sort, empty values last, id as the tie-breaker. */
export function orderBy(sort: SortKey): SQL[] {
  const dir = sort.direction === 'asc' ? sql`asc` : sql`desc`;
  return [
    sort.nullable ? sql`${sort.key} ${dir} nulls last` : sql`${sort.key} ${dir}`,
    sql`${sort.id} ${dir}`,
  ];
}

/** The rows after `cursor` in the sort's order (`nulls last`, id tie-breaker). */
export function after(sort: SortKey, cursor: Cursor): SQL {
  const beyond = sort.direction === 'asc' ? gt : lt;
  const key = sort.key as PgColumn;
  if (cursor.value === null)
    // Among the empty values at the end: only the id orders them.
    return and(isNull(key), beyond(sort.id, cursor.id)) as SQL;
  const sameKey = and(eq(key, cursor.value), beyond(sort.id, cursor.id));
  return (
    sort.nullable
      ? or(beyond(key, cursor.value), sameKey, isNull(key))
      : or(beyond(key, cursor.value), sameKey)
  ) as SQL;
}
