// The worker side of off-thread.ts: one thread per task module, kept while it has work. Each
// message names an export to call; calls run concurrently, results and errors go back by id.
import { parentPort, workerData } from 'node:worker_threads';
import { toBuffers } from './to-buffers.js';

const port = parentPort;
if (!port) throw new Error('off-thread-entry runs only as a worker thread');
const { moduleUrl } = workerData as { moduleUrl: string };

type Task = (input: unknown, progress: (...args: unknown[]) => Promise<void>) => Promise<unknown>;
const loaded: Promise<Record<string, unknown>> = import(moduleUrl);
// A module that fails to load is reported with the first call, not as an unhandled rejection.
loaded.catch(() => undefined);

port.on('message', async ({ id, exportName, input }: { id: number; exportName: string; input: unknown }) => {
  try {
    const task = (await loaded)[exportName] as Task | undefined;
    if (typeof task !== 'function') throw new Error(`${moduleUrl} has no function ${exportName}`);
    const result = await task(toBuffers(input), async (...args) => port.postMessage({ id, progress: args }));
    port.postMessage({ id, result });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({
      id,
      error: { name: e.constructor.name, message: e.message, stack: e.stack, fields: { ...e } },
    });
  }
});
