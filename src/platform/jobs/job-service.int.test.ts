import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { defineJob, PermanentJobError } from './job-definition.js';
import { jobRun } from './jobs.schema.js';

let t: TestApp;
const calls = new Map<string, number>();

beforeAll(async () => {
  t = await createTestApp();
  const jobs = t.platform.jobs;
  await jobs.handle(
    defineJob({
      name: 'test.echo',
      version: 1,
      payload: z.object({ value: z.string() }),
      handler: async ({ payload, reportProgress }) => {
        await reportProgress(50, 'Hälfte');
        return { echoed: payload.value };
      },
    }),
  );
  await jobs.handle(
    defineJob({
      name: 'test.flaky',
      version: 1,
      payload: z.object({ id: z.string(), failTimes: z.number() }),
      attempts: 3,
      backoffSeconds: 1,
      handler: async ({ payload, attempt }) => {
        calls.set(payload.id, attempt);
        if (attempt <= payload.failTimes) throw new Error(`Versuch ${attempt} fehlgeschlagen`);
        return { attempt };
      },
    }),
  );
  await jobs.handle(
    defineJob({
      name: 'test.permanent',
      version: 1,
      payload: z.object({}),
      handler: async () => {
        throw new PermanentJobError('Objekt existiert nicht mehr');
      },
    }),
  );
});
afterAll(async () => t?.close());

describe('jobs enqueued before the engine starts', () => {
  it('are sent as soon as the workers start, not at the next sweep', async () => {
    let early: string | undefined;
    const echo = defineJob({
      name: 'test.early',
      version: 1,
      payload: z.object({}),
      handler: async () => 'früh',
    });
    const app = await createTestApp({
      beforeStart: async (platform) => {
        await platform.jobs.handle(echo);
        early = (await platform.jobs.enqueue('test.early', {})).id;
      },
    });
    try {
      const done = await app.platform.jobs.waitFor(early!, 10_000);
      expect(done.status).toBe('completed');
    } finally {
      await app.close();
    }
  });
});

describe(`JobQueue (${process.env.REDIS_URL ? 'BullMQ' : 'pg-boss'})`, () => {
  it('runs a job, records progress and result', async () => {
    const run = await t.platform.jobs.enqueue('test.echo', { value: 'Hallo' });
    const done = await t.platform.jobs.waitFor(run.id);
    expect(done.status).toBe('completed');
    expect(done.result).toEqual({ echoed: 'Hallo' });
    expect(done.progress).toBe(100);
    expect(done.attempts).toBe(1);
  });

  it('rejects a payload that does not match the job schema, before queueing', async () => {
    await expect(t.platform.jobs.enqueue('test.echo', { value: 42 })).rejects.toThrow();
    await expect(t.platform.jobs.enqueue('test.unknown', {})).rejects.toThrow(/no job named/);
  });

  it('an idempotency key returns the first run instead of queueing twice', async () => {
    const first = await t.platform.jobs.enqueue('test.echo', { value: 'a' }, { key: 'once' });
    const second = await t.platform.jobs.enqueue('test.echo', { value: 'b' }, { key: 'once' });
    expect(second.id).toBe(first.id);
    expect((await t.platform.jobs.waitFor(first.id)).result).toEqual({ echoed: 'a' });
  });

  it('retries with backoff and succeeds on a later attempt', async () => {
    const started = Date.now();
    const run = await t.platform.jobs.enqueue('test.flaky', { id: 'r1', failTimes: 1 });
    const done = await t.platform.jobs.waitFor(run.id, 45_000);
    expect(done.status).toBe('completed');
    expect(done.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('marks a job dead after its last attempt and a retry runs it again', async () => {
    const run = await t.platform.jobs.enqueue(
      'test.flaky',
      { id: 'r2', failTimes: 99 },
      { attempts: 2, backoffSeconds: 1 },
    );
    const dead = await t.platform.jobs.waitFor(run.id, 45_000);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(2);
    expect(dead.lastError).toContain('Versuch 2');
    const again = await t.platform.jobs.retry(run.id);
    // BullMQ may pick the job up before retry() has read it back, so it can already be running.
    expect(['queued', 'running']).toContain(again.status);
    expect((await t.platform.jobs.waitFor(run.id, 45_000)).status).toBe('dead');
  }, 90_000);

  it('a permanent error goes straight to dead without retries', async () => {
    const run = await t.platform.jobs.enqueue('test.permanent', {});
    const done = await t.platform.jobs.waitFor(run.id);
    expect(done.status).toBe('dead');
    expect(done.attempts).toBe(1);
  });

  it('cancels a scheduled job before it runs', async () => {
    const run = await t.platform.jobs.enqueue(
      'test.echo',
      { value: 'später' },
      { runAt: new Date(Date.now() + 2_000) },
    );
    const cancelled = await t.platform.jobs.cancel(run.id);
    expect(cancelled.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await t.platform.jobs.get(run.id))?.status).toBe('cancelled');
  });
});

describe('shutting down while a job runs', () => {
  it('lets the running job finish and be recorded before the database closes', async () => {
    const app = await createTestApp();
    let finished = false;
    await app.platform.jobs.handle(
      defineJob({
        name: 'test.long',
        version: 1,
        payload: z.object({}),
        handler: async () => {
          // Longer than pg-boss's former 10 s stop timeout, after which it raced the database close.
          await new Promise((r) => setTimeout(r, 11_000));
          finished = true;
          return 'fertig';
        },
      }),
    );
    const run = await app.platform.jobs.enqueue('test.long', {});
    for (let i = 0; i < 50; i++) {
      const [row] = await app.platform.database.db.select().from(jobRun).where(eq(jobRun.id, run.id));
      if (row?.status === 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.close();
    expect(finished).toBe(true);
  }, 40_000);
});

describe('tries whose worker died (issue 17.10)', () => {
  it('are queued again while tries are left, and given up with the reason on the last one', async () => {
    const givenUp: string[] = [];
    await t.platform.jobs.handle(
      defineJob({
        name: 'test.lost',
        version: 1,
        payload: z.object({ id: z.string() }),
        attempts: 2,
        handler: async ({ payload }) => ({ ran: payload.id }),
        onGiveUp: async ({ payload, error }) => {
          givenUp.push(`${payload.id}: ${error}`);
        },
      }),
    );
    const silentSince = new Date(Date.now() - 10 * 60_000);
    const [retryable, last] = await t.platform.database.db
      .insert(jobRun)
      .values([
        {
          name: 'test.lost',
          payload: { id: 'a' },
          status: 'running',
          attempts: 1,
          maxAttempts: 2,
          heartbeatAt: silentSince,
          engineJobId: 'died-with-its-worker',
        },
        {
          name: 'test.lost',
          payload: { id: 'b' },
          status: 'running',
          attempts: 2,
          maxAttempts: 2,
          heartbeatAt: silentSince,
          engineJobId: 'died-too',
        },
      ])
      .returning();
    // A live worker's heartbeat is fresh: it is left alone.
    const [alive] = await t.platform.database.db
      .insert(jobRun)
      .values({
        name: 'test.lost',
        payload: { id: 'c' },
        status: 'running',
        attempts: 1,
        heartbeatAt: new Date(),
      })
      .returning();
    expect(await t.platform.jobs.recoverLost(new Date(Date.now() - 120_000))).toBe(2);
    expect(await t.platform.jobs.waitFor(retryable?.id ?? '', 20_000)).toMatchObject({
      status: 'completed',
      attempts: 2,
      result: { ran: 'a' },
    });
    expect(await t.platform.jobs.get(last?.id ?? '')).toMatchObject({ status: 'dead' });
    expect(givenUp).toEqual([expect.stringMatching(/^b: Unterbrochen/)]);
    expect((await t.platform.jobs.get(alive?.id ?? ''))?.status).toBe('running');
  });
});
