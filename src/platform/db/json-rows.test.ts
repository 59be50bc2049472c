import { asc, sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from './database.js';
import { JsonList } from './json-rows.js';
import { openPglite } from './open-pglite.js';

const note = pgTable('json_rows_note', {
  id: integer().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  tags: jsonb().$type<string[]>().notNull(),
  body: text(),
});
let database: Database;
const run = <T>(fn: (tx: Tx) => Promise<T>) => database.db.transaction((tx) => fn(tx as Tx));

beforeAll(async () => {
  database = await openPglite({});
  await database.db.execute(
    sql`create table json_rows_note (id int primary key, created_at timestamptz not null, tags jsonb not null, body text)`,
  );
  await database.db.insert(note).values([
    { id: 1, createdAt: new Date('2026-12-03T10:00:00.123Z'), tags: ['a'], body: 'eins' },
    { id: 2, createdAt: new Date('2026-12-03T11:00:00Z'), tags: [], body: null },
  ]);
});
afterAll(async () => database?.close());

describe('JsonList (issue 19)', () => {
  it('returns the rows drizzle would: camelCase keys, Dates, JSON and nulls, plus named expressions', async () => {
    const list = new JsonList(note, {
      id: note.id,
      createdAt: note.createdAt,
      tags: note.tags,
      body: note.body,
    });
    const rows = await run((tx) =>
      list.rows(tx, {
        extra: { shout: sql<string | null>`upper(${note.body})`.as('shout') },
        orderBy: [asc(note.id)],
        limit: 10,
      }),
    );
    const drizzleRows = await run((tx) =>
      tx
        .select({ id: note.id, createdAt: note.createdAt, tags: note.tags, body: note.body })
        .from(note)
        .orderBy(asc(note.id)),
    );
    expect(rows.map(({ shout: _shout, ...row }) => row)).toEqual(drizzleRows);
    expect(rows.map((r) => r.shout)).toEqual(['EINS', null]);
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('filters, limits and offsets with parameters only in the per-request part', async () => {
    const list = new JsonList(note, { id: note.id });
    const rows = await run((tx) =>
      list.rows(tx, {
        extra: {},
        where: sql`${note.id} >= ${1}`,
        orderBy: [asc(note.id)],
        limit: 1,
        offset: 1,
      }),
    );
    expect(rows).toEqual([{ id: 2 }]);
    expect(() => new JsonList(note, { bad: sql`${'x'}`.as('bad') })).toThrow(/must not carry parameters/);
  });
});
