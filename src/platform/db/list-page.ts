import { createHash } from 'node:crypto';
import { count, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { badRequest } from '../http/app-error.js';
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

/** The text and parameters of the count query: what a cached total is stored under. */
export function countQueryKey(tx: Tx, table: PgTable, where: SQL | undefined): string {
  const query = tx.select({ one: sql`1` }).from(table).where(where).toSQL();
  return `${query.sql}|${JSON.stringify(query.params)}`;
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

/**
 * An opaque position in a list: the sort value of the row it stands on (as PostgreSQL prints
 * it, so timestamps keep their microseconds), that row's id, which way to read from it, and
 * the sort it belongs to — a cursor of another sort or filter is refused, not misread.
 */
export interface Cursor {
  value: string | null;
  id: string;
  way: 'next' | 'prev';
  /** What the list was sorted and filtered by when the cursor was written. */
  scope: string;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.value, cursor.id, cursor.way, cursor.scope])).toString('base64url');

/** A short fingerprint of the sort and filters a cursor belongs to. */
export const cursorScope = (parts: unknown): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);

/** Null for anything that is not a cursor this helper wrote for `scope` (the API answers 400). */
export function decodeCursor(text: string, scope: string): Cursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [value, id, way, written] = parsed as unknown[];
    if (typeof id !== 'string' || id.length > 100) return null;
    if (value !== null && (typeof value !== 'string' || value.length > 200)) return null;
    if (way !== 'next' && way !== 'prev') return null;
    if (written !== scope) return null;
    return { value, id, way, scope };
  } catch {
    return null;
  }
}

/** Reads a `cursor` query parameter for `scope`; a foreign or damaged cursor is a 400. */
export function cursorFrom(text: string | undefined, scope: string): Cursor | null {
  if (!text) return null;
  const cursor = decodeCursor(text, scope);
  if (!cursor)
    throw badRequest(
      'invalid_cursor',
      'Diese Listenposition passt nicht (mehr) zur Sortierung oder zu den Filtern. Bitte laden Sie die Liste neu.',
    );
  return cursor;
}

/** The sort value as text, to select next to each row so the page can write its cursors. */
export const sortValue = (sort: SortKey): SQL<string | null> => sql<string | null>`(${sort.key})::text`;

/** ORDER BY for the sort (empty values last, id as the tie-breaker); `reverse` reads it backwards. */
export function orderBy(sort: SortKey, reverse = false): SQL[] {
  const ascending = (sort.direction === 'asc') !== reverse;
  const dir = ascending ? sql`asc` : sql`desc`;
  const nulls = reverse ? sql` nulls first` : sql` nulls last`;
  return [sql`${sort.key} ${dir}${sort.nullable ? nulls : sql``}`, sql`${sort.id} ${dir}`];
}

/**
 * The rows beyond `cursor` in reading direction: after it for "next", before it for "prev"
 * (the page is then read in reverse and turned round). Values are compared as the text the
 * cursor carries; PostgreSQL casts it to the key's type.
 */
export function beyond(sort: SortKey, cursor: Pick<Cursor, 'value' | 'id' | 'way'>): SQL {
  const forward = cursor.way === 'next';
  const greater = (sort.direction === 'asc') === forward;
  const cmp = greater ? sql`>` : sql`<`;
  const idBeyond = sql`${sort.id} ${cmp} ${cursor.id}`;
  if (cursor.value === null) {
    // The cursor stands among the empty values at the end of the list.
    return forward
      ? sql`(${sort.key} is null and ${idBeyond})`
      : sql`(${sort.key} is not null or (${sort.key} is null and ${idBeyond}))`;
  }
  const strictly = sql`(${sort.key} ${cmp} ${cursor.value} or (${sort.key} = ${cursor.value} and ${idBeyond}))`;
  if (!sort.nullable || !forward) return strictly;
  return sql`(${strictly} or ${sort.key} is null)`;
}

export interface SeekPage<T> {
  items: T[];
  /** Reads on after the last item; null on the last page. */
  nextCursor: string | null;
  /** Reads back before the first item; null on the first page. */
  prevCursor: string | null;
}

/**
 * Turns the rows of a seek query (fetched with `limit pageSize + 1`, so one extra row says
 * whether there is more) into a page with its cursors. `fromCursor` is the cursor that was
 * followed, if any: reading "prev" reverses the rows back into list order.
 */
export function seekPage<T extends { sortValue: string | null }>(
  rows: T[],
  pageSize: number,
  scope: string,
  fromCursor: Cursor | null,
  idOf: (row: T) => string,
): SeekPage<T> {
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const backwards = fromCursor?.way === 'prev';
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : fromCursor !== null;
  return {
    items: page,
    nextCursor:
      hasNext && last ? encodeCursor({ value: last.sortValue, id: idOf(last), way: 'next', scope }) : null,
    prevCursor:
      hasPrev && first ? encodeCursor({ value: first.sortValue, id: idOf(first), way: 'prev', scope }) : null,
  };
}

/** What a list request says about paging; everything else in it is the list's sort and filters. */
export interface PageRequest {
  page: number;
  pageSize: number;
  cursor?: string | undefined;
  exactTotal?: boolean | undefined;
}

/**
 * The paging parts of one list query, for lists written with drizzle's query builder (joins,
 * per-row views): select `sortValue` next to each row, AND `where` into the filters, order by
 * `orderBy`, and hand the rows (`limit` = one more than the page) to `page`. `list` names the
 * list so that a cursor of another list is refused; the request's remaining fields (sort and
 * filters) bind the cursor to them.
 */
export function seekPlan(sort: SortKey, list: string, request: PageRequest) {
  const { page, pageSize, cursor: text, exactTotal: _exact, ...scoped } = request;
  const scope = cursorScope([list, scoped]);
  const cursor = cursorFrom(text, scope);
  return {
    sortValue: sortValue(sort),
    where: cursor ? beyond(sort, cursor) : undefined,
    orderBy: orderBy(sort, cursor?.way === 'prev'),
    limit: pageSize + 1,
    offset: cursor ? 0 : (page - 1) * pageSize,
    /** The page of the rows read; `idOf` says where a row's id is (joined selects nest it). */
    page: <T extends { sortValue: string | null }>(rows: T[], idOf: (row: T) => string): SeekPage<T> =>
      seekPage(rows, pageSize, scope, cursor, idOf),
  };
}

/** The response body of a list (`pageOf` in the API contract). */
export function pageBody<T>(
  items: T[],
  page: Pick<SeekPage<unknown>, 'nextCursor' | 'prevCursor'>,
  total: ListTotal,
  request: PageRequest,
) {
  return {
    items,
    total: total.value,
    totalExact: total.exact,
    // Page numbers mean nothing once the list is read by cursor.
    page: request.cursor ? 0 : request.page,
    pageSize: request.pageSize,
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}
