import { and, asc, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from './database.js';
import { after, cappedTotal, decodeCursor, encodeCursor, orderBy, type SortKey } from './list-page.js';
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

/** Walks the whole list page by page through cursors. */
async function walk(sort: SortKey, pageSize: number, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const position = cursor ? decodeCursor(cursor) : null;
    const rows = await run((tx) =>
      tx
        .select()
        .from(item)
        .where(position ? after(sort, position) : undefined)
        .orderBy(...orderBy(sort))
        .limit(pageSize),
    );
    seen.push(...rows.map((r) => r.id));
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    cursor = encodeCursor({ value: last.price, id: last.id });
    await between?.(page);
  }
  return seen;
}

describe('keyset pagination (issue 19)', () => {
  it.each(['asc', 'desc'] as const)(
    'visits every row once in a stable order with equal keys and nulls (%s)',
    async (direction) => {
      const sort: SortKey = { key: item.price, id: item.id, direction, nullable: true };
      const all = await run((tx) =>
        tx
          .select()
          .from(item)
          .orderBy(...orderBy(sort)),
      );
      const seen = await walk(sort, 7);
      expect(seen).toEqual(all.map((r) => r.id));
      expect(new Set(seen).size).toBe(60);
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
    const deleted: string[] = [];
    const seen = await walk(sort, 10, async (page) => {
      if (page !== 1) return;
      // Delete two rows the reader has already seen.
      const gone = before.slice(3, 5);
      deleted.push(...gone);
      await database.db.execute(
        sql`delete from list_page_item where id in (${sql.join(
          gone.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    });
    expect(seen).toEqual(before);
    expect(deleted).toHaveLength(2);
  });

  it('refuses cursors it did not write', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2,3]').toString('base64url'))).toBeNull();
    expect(decodeCursor(encodeCursor({ value: 300, id: 'id-001' }))).toEqual({ value: 300, id: 'id-001' });
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
