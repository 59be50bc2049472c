// Tasks for off-thread.test.ts, loaded on the worker thread.
import { threadId } from 'node:worker_threads';

export async function double(
  input: { bytes: Buffer; n: number },
  progress: (percent: number, step: string) => Promise<void>,
) {
  await progress(50, 'halb');
  return {
    bytes: Buffer.concat([input.bytes, input.bytes]),
    n: input.n * 2,
    threadId,
    isBuffer: Buffer.isBuffer(input.bytes),
  };
}

export class NotAPlan extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function fail(): Promise<never> {
  throw new NotAPlan('not_a_plan', 'Das ist kein Grundriss.');
}
