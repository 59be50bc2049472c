import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { openPgliteWorker } from './open-pglite.js';

/** The embedded database on its worker thread behaves as the in-thread PGlite did (issue 19). */
let database: Database;
let dir: string;

const rows = async (query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'immoxx-pglite-worker-'));
  database = await openPgliteWorker(join(dir, 'db'));
  await database.db.execute(sql`create table item (id int primary key, name text not null, at timestamptz)`);
  await database.db.execute(
    sql`do $$ begin create role immoxx_app; exception when duplicate_object then null; end $$`,
  );
  await database.db.execute(sql`grant select, insert on item to immoxx_app`);
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('PGlite on a worker thread', () => {
  it('commits a transaction and rolls one back when its callback throws', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into item values (1, 'eins', now())`);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into item values (2, 'zwei', now())`);
        throw new Error('Abbruch');
      }),
    ).rejects.toThrow('Abbruch');
    expect(await rows(sql`select id from item order by id`)).toEqual([{ id: 1 }]);
  });

  it('keeps timestamps as PostgreSQL prints them for drizzle and nested savepoints work', async () => {
    const result = await database.db.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into item values (3, 'drei', '2026-12-03 10:00:00.000123+00')`);
      });
      return tx.execute(sql`select at from item where id = 3`);
    });
    expect((result as unknown as { rows: { at: string }[] }).rows[0]?.at).toBe(
      '2026-12-03 10:00:00.000123+00',
    );
  });

  it('passes PostgreSQL errors through with their code, and the next statement runs normally', async () => {
    const error = await database.db
      .execute(sql`insert into item values (1, 'doppelt', now())`)
      .catch((e) => e);
    expect((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code).toBe(
      '23505',
    );
    // A transaction whose first statement fails is rolled back in the worker, not left open.
    await expect(
      database.withTenant('t1', (tx) => tx.execute(sql`select * from missing_table`)),
    ).rejects.toThrow();
    expect(await rows(sql`select count(*)::int as n from item`)).toEqual([{ n: 2 }]);
  });

  it('runs withTenant as the app role with the tenant set, in one trip with the first statement', async () => {
    const [row] = await database.withTenant(
      'tenant-42',
      async (tx) =>
        (
          (await tx.execute(
            sql`select current_user as role, current_setting('app.tenant_id', true) as tenant`,
          )) as unknown as { rows: { role: string; tenant: string }[] }
        ).rows,
    );
    expect(row).toEqual({ role: 'immoxx_app', tenant: 'tenant-42' });
    // Outside the transaction both are gone again.
    expect(await rows(sql`select current_setting('app.tenant_id', true) as tenant`)).toEqual([
      { tenant: '' },
    ]);
  });

  it('serialises concurrent transactions instead of interleaving them', async () => {
    await database.db.execute(sql`create table counter (n int not null)`);
    await database.db.execute(sql`insert into counter values (0)`);
    // Read, wait, write: interleaved transactions would lose increments.
    await Promise.all(
      Array.from({ length: 5 }, () =>
        database.db.transaction(async (tx) => {
          const { rows: read } = (await tx.execute(sql`select n from counter`)) as unknown as {
            rows: { n: number }[];
          };
          await new Promise((r) => setTimeout(r, 10));
          await tx.execute(sql`update counter set n = ${(read[0]?.n ?? 0) + 1}`);
        }),
      ),
    );
    expect(await rows(sql`select n from counter`)).toEqual([{ n: 5 }]);
  });

  it('delivers NOTIFY to listeners after commit, not for a rollback', async () => {
    const heard: string[] = [];
    const stop = await database.listen(
      'test_channel',
      (payload) => heard.push(payload),
      () => undefined,
    );
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('test_channel', 'committed')`);
    });
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select pg_notify('test_channel', 'rolled back')`);
        throw new Error('nein');
      })
      .catch(() => undefined);
    await database.db.execute(sql`select 1`);
    await stop();
    expect(heard).toEqual(['committed']);
  });
});
