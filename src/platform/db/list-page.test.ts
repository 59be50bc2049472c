import { and, asc, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from './database.js';
import {
  beyond,
  type Cursor,
  cappedTotal,
  cursorScope,
  decodeCursor,
  encodeCursor,
  orderBy,
  pageBody,
  type SortKey,
  seekPage,
  seekPlan,
  sortValue,
} from './list-page.js';
import { openPglite } from './open-pglite.js';

const item = pgTable('list_page_item', { id: text().primaryKey(), price: integer() });
let database: Database;
const run = <T>(fn: (tx: Tx) => Promise<T>) => database.db.transaction((tx) => fn(tx as Tx));

beforeAll(async () => {
  database = await openPglite({});
  await database.db.execute(sql`create table list_page_item (id text primary key, price integer)`);
  // 60 rows: many equal prices, some empty, so ties and nulls are exercised.
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: `id-${String(i).padStart(3, '0')}`,
    price: i % 7 === 0 ? null : (i % 5) * 100,
  }));
  await database.db.insert(item).values(rows);
  await database.db.execute(sql`analyze list_page_item`);
});
afterAll(async () => database?.close());

/** Walks the whole list page by page through cursors, forwards then back again. */
async function walk(sort: SortKey, pageSize: number, between?: (page: number) => Promise<void>) {
  const scope = cursorScope(['test', sort.direction]);
  const read = (cursor: string | null) => {
    const position = cursor ? decodeCursor(cursor, scope) : null;
    return run(async (tx) =>
      seekPage(
        await tx
          .select({ id: item.id, price: item.price, sortValue: sortValue(sort) })
          .from(item)
          .where(position ? beyond(sort, position) : undefined)
          .orderBy(...orderBy(sort, position?.way === 'prev'))
          .limit(pageSize + 1),
        pageSize,
        scope,
        position,
        (row) => row.id,
      ),
    );
  };
  const forward: string[] = [];
  const pages: string[][] = [];
  let page = await read(null);
  expect(page.prevCursor).toBeNull();
  for (let n = 0; n < 100; n++) {
    forward.push(...page.items.map((r) => r.id));
    pages.push(page.items.map((r) => r.id));
    if (!page.nextCursor) break;
    await between?.(n);
    page = await read(page.nextCursor);
  }
  // Back from the last page to the first, page by page.
  const backward: string[][] = [page.items.map((r) => r.id)];
  while (page.prevCursor) {
    page = await read(page.prevCursor);
    backward.unshift(page.items.map((r) => r.id));
  }
  return { forward, pages, backward };
}

describe('keyset pagination (issue 19)', () => {
  it.each(['asc', 'desc'] as const)(
    'visits every row once in a stable order with equal keys and nulls, both ways (%s)',
    async (direction) => {
      const sort: SortKey = { key: item.price, id: item.id, direction, nullable: true };
      const all = await run((tx) =>
        tx
          .select()
          .from(item)
          .orderBy(...orderBy(sort)),
      );
      const { forward, pages, backward } = await walk(sort, 7);
      expect(forward).toEqual(all.map((r) => r.id));
      expect(new Set(forward).size).toBe(60);
      expect(backward).toEqual(pages);
    },
  );

  it('does not skip or repeat rows when rows before the cursor are deleted between pages', async () => {
    const sort: SortKey = { key: item.price, id: item.id, direction: 'asc', nullable: true };
    const before = (
      await run((tx) =>
        tx
          .select()
          .from(item)
          .orderBy(...orderBy(sort)),
      )
    ).map((r) => r.id);
    const gone = before.slice(3, 5);
    const { forward } = await walk(sort, 10, async (page) => {
      if (page !== 1) return;
      // Delete two rows the reader has already seen.
      await database.db.execute(
        sql`delete from list_page_item where id in (${sql.join(
          gone.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    });
    expect(forward).toEqual(before);
  });

  it('keeps the microseconds of timestamp keys, so rows a millisecond apart are not skipped', async () => {
    const stamped = pgTable('list_page_stamped', {
      id: text().primaryKey(),
      at: timestamp({ withTimezone: true }),
    });
    await database.db.execute(sql`create table list_page_stamped (id text primary key, at timestamptz)`);
    await database.db.execute(
      sql`insert into list_page_stamped values ('a', '2026-12-03 10:00:00.000100+00'), ('b', '2026-12-03 10:00:00.000200+00'), ('c', '2026-12-03 10:00:00.000300+00')`,
    );
    const sort: SortKey = { key: stamped.at, id: stamped.id, direction: 'desc' };
    const scope = cursorScope('stamped');
    const first = await run(async (tx) =>
      seekPage(
        await tx
          .select({ id: stamped.id, sortValue: sortValue(sort) })
          .from(stamped)
          .orderBy(...orderBy(sort))
          .limit(2),
        1,
        scope,
        null,
        (row) => row.id,
      ),
    );
    const cursor = decodeCursor(first.nextCursor as string, scope);
    const second = await run((tx) =>
      tx
        .select({ id: stamped.id })
        .from(stamped)
        .where(beyond(sort, cursor as Cursor))
        .orderBy(...orderBy(sort)),
    );
    expect(first.items.map((r) => r.id)).toEqual(['c']);
    expect(second.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('refuses cursors it did not write, and cursors of another sort or filter', () => {
    const scope = cursorScope(['price', 'asc']);
    expect(decodeCursor('not-a-cursor', scope)).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2,3]').toString('base64url'), scope)).toBeNull();
    const cursor = encodeCursor({ value: '300', id: 'id-001', way: 'next', scope });
    expect(decodeCursor(cursor, scope)).toEqual({ value: '300', id: 'id-001', way: 'next', scope });
    expect(decodeCursor(cursor, cursorScope(['price', 'desc']))).toBeNull();
  });
});

describe('seekPlan: the paging parts of a list written with the query builder', () => {
  const sort: SortKey = { key: item.price, id: item.id, direction: 'desc', nullable: true };
  const read = (request: { page: number; pageSize: number; cursor?: string; minPrice?: number }) => {
    const plan = seekPlan(sort, 'items', request);
    return run(async (tx) =>
      plan.page(
        await tx
          .select({ row: item, sortValue: plan.sortValue })
          .from(item)
          .where(and(request.minPrice ? sql`${item.price} >= ${request.minPrice}` : undefined, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset),
        (r) => r.row.id,
      ),
    );
  };

  it('reads on by cursor exactly where page numbers would, with the rows nested as selected', async () => {
    const byNumber = await read({ page: 2, pageSize: 7 });
    const first = await read({ page: 1, pageSize: 7 });
    const byCursor = await read({ page: 1, pageSize: 7, cursor: first.nextCursor as string });
    expect(byCursor.items.map((r) => r.row.id)).toEqual(byNumber.items.map((r) => r.row.id));
    const back = await read({ page: 1, pageSize: 7, cursor: byCursor.prevCursor as string });
    expect(back.items.map((r) => r.row.id)).toEqual(first.items.map((r) => r.row.id));
    expect(back.prevCursor).toBeNull();
  });

  it('refuses a cursor of another filter with a 400, and reports page 0 when read by cursor', async () => {
    const first = await read({ page: 1, pageSize: 5 });
    // Refused before any query runs.
    expect(() => read({ page: 1, pageSize: 5, minPrice: 100, cursor: first.nextCursor as string })).toThrow(
      expect.objectContaining({ statusCode: 400, code: 'invalid_cursor' }),
    );
    const body = pageBody([], first, { value: 60, exact: true }, { page: 3, pageSize: 5, cursor: 'x' });
    expect(body).toMatchObject({ page: 0, pageSize: 5, total: 60, totalExact: true });
  });
});

describe('capped totals (issue 19)', () => {
  it('counts exactly up to the cap and estimates above it', async () => {
    const small = await run((tx) => cappedTotal(tx, item, sql`price = 100`, { cap: 50 }));
    expect(small.exact).toBe(true);
    const exact = (await run((tx) => tx.select().from(item).where(sql`price = 100`))).length;
    expect(small.value).toBe(exact);
    const big = await run((tx) => cappedTotal(tx, item, undefined, { cap: 10 }));
    expect(big.exact).toBe(false);
    expect(big.value).toBeGreaterThan(10);
    const asked = await run((tx) => cappedTotal(tx, item, and(sql`true`), { cap: 10, exact: true }));
    expect(asked).toEqual({
      value: (await run((tx) => tx.select().from(item).orderBy(asc(item.id)))).length,
      exact: true,
    });
  });
});
