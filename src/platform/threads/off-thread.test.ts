import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { OffThreadError, runOffThread } from './off-thread.js';

const fixture = new URL('./off-thread.fixture.ts', import.meta.url);

describe('runOffThread (issue 19)', () => {
  it('runs the task on another thread, with Buffers both ways and progress forwarded', async () => {
    const steps: unknown[][] = [];
    const result = await runOffThread<{ bytes: Buffer; n: number; threadId: number; isBuffer: boolean }>(
      fixture,
      'double',
      { bytes: Buffer.from('ab'), n: 21 },
      (...args: never[]) => steps.push(args),
    );
    expect(result.threadId).not.toBe(threadId);
    expect(result.isBuffer).toBe(true);
    expect(Buffer.isBuffer(result.bytes)).toBe(true);
    expect(result.bytes.toString()).toBe('abab');
    expect(result.n).toBe(42);
    expect(steps).toEqual([[50, 'halb']]);
  });

  it("hands back the task's error with its class name and fields", async () => {
    const error = await runOffThread(fixture, 'fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffThreadError);
    expect(error).toMatchObject({
      originalName: 'NotAPlan',
      message: 'Das ist kein Grundriss.',
      fields: { code: 'not_a_plan' },
    });
  });

  it('names a missing export instead of hanging', async () => {
    await expect(runOffThread(fixture, 'nothing', {})).rejects.toThrow(/has no function nothing/);
  });
});
