import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { EngineSendOptions, JobEngine } from './job-engine.js';

/** BullMQ on Redis for the scale-out setup; `prefix` keeps tenants of a Redis apart (and tests). */
export function createBullMqEngine(redisUrl: string, prefix: string, logger: Logger): JobEngine {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];

  const queueFor = (name: string): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queue.on('error', (error) => logger.error({ err: error, queue: name }, 'bullmq queue error'));
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    kind: 'bullmq',
    async start() {
      // Queues and workers connect lazily.
    },
    async register(name, work, { concurrency }) {
      const worker = new Worker<{ runId: string }>(
        name,
        async (job) => {
          await work(job.data.runId, job.id ?? job.data.runId);
        },
        { connection, prefix, concurrency },
      );
      worker.on('error', (error) => logger.error({ err: error, queue: name }, 'bullmq worker error'));
      workers.push(worker);
      await worker.waitUntilReady();
    },
    async send(name, runId, options: EngineSendOptions) {
      const job = await queueFor(name).add(
        name,
        { runId },
        {
          delay: Math.max(0, options.runAt.getTime() - Date.now()),
          attempts: options.attempts,
          backoff: { type: 'exponential', delay: options.backoffSeconds * 1000 },
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
      return job.id ?? runId;
    },
    async cancel(name, engineJobId) {
      const job = await queueFor(name).getJob(engineJobId);
      const state = await job?.getState();
      if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await job.remove();
    },
    async stop() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
