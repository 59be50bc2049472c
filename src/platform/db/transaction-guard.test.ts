import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../events/event-bus.js';
import type { Database } from './database.js';
import { openPglite, openPgliteWorker } from './open-pglite.js';
import { QueryOutsideOpenTransactionError } from './transaction-guard.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const dir = mkdtempSync(join(tmpdir(), 'immoxx-tx-guard-'));
const opened: Database[] = [];

async function withRole(database: Database): Promise<Database> {
  await database.db.execute(
    sql`do $$ begin create role immoxx_app; exception when duplicate_object then null; end $$`,
  );
  opened.push(database);
  return database;
}

/** Drizzle wraps a driver's error in its own, with the original as the cause. */
async function refusedByGuard(attempt: Promise<unknown>): Promise<void> {
  const error = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  expect(cause).toBeInstanceOf(QueryOutsideOpenTransactionError);
}

const databases: Record<string, () => Promise<Database>> = {
  'in this thread': async () => withRole(await openPglite({})),
  'on the worker thread': async () => withRole(await openPgliteWorker(join(dir, 'db'))),
};

afterAll(async () => {
  for (const database of opened) await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(databases))('embedded database %s (issue 20 regression)', (_, open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });

  it('refuses an owner-connection query inside withTenant at once instead of freezing', async () => {
    const started = Date.now();
    const attempt = database.withTenant(TENANT, async (tx) => {
      await tx.execute(sql`select 1`);
      await database.db.execute(sql`select 2`);
    });
    await refusedByGuard(attempt);
    expect(Date.now() - started).toBeLessThan(2_000);
    await refusedByGuard(database.withTenant(TENANT, async () => database.executeSql('select 3', [])));
    await refusedByGuard(database.withTenant(TENANT, async () => database.withTenant(TENANT, async () => 1)));
  });

  it('lets the same query run once the transaction has closed, and another request simply waits its turn', async () => {
    const transaction = database.withTenant(TENANT, async (tx) => {
      await tx.execute(sql`select 4`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 4;
    });
    const otherRequest = database.db.execute(sql`select 5`);
    await expect(Promise.all([transaction, otherRequest])).resolves.toHaveLength(2);
    await expect(database.db.execute(sql`select 6`)).resolves.toBeTruthy();
  });

  it('runs event handlers emitted inside a transaction outside it', async () => {
    const bus = new EventBus(pino({ level: 'silent' }));
    let handled: unknown = null;
    bus.on('tenant.settings.updated', 'test', async () => {
      handled = await database.db.execute(sql`select 7 as n`);
    });
    await database.withTenant(TENANT, async () => {
      bus.emit('tenant.settings.updated', TENANT, { fields: ['name'] });
    });
    await bus.drain();
    expect(handled).toBeTruthy();
  });
});
