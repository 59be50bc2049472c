import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { EngineSendOptions, JobEngine } from './job-engine.js';

/** pg-boss on the application database (PGlite through `db.executeSql`, or PostgreSQL). */
export function createPgBossEngine(
  database: Database,
  logger: Logger,
  pollingIntervalSeconds: number,
): JobEngine {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  const workerIds = new Map<string, string[]>();
  const queues = new Set<string>();

  async function ensureQueue(name: string): Promise<void> {
    if (queues.has(name)) return;
    await boss.createQueue(name, { name, policy: 'standard' });
    queues.add(name);
  }

  return {
    kind: 'pg-boss',
    async start() {
      await boss.start();
    },
    async register(name, work, { concurrency }) {
      await ensureQueue(name);
      const ids: string[] = [];
      // pg-boss 10 has no per-worker concurrency; one worker per slot gives the same effect.
      for (let i = 0; i < concurrency; i++) {
        const id = await boss.work<{ runId: string }>(
          name,
          { pollingIntervalSeconds, batchSize: 1 },
          async ([job]) => {
            if (job) await work(job.data.runId, job.id);
          },
        );
        ids.push(id);
      }
      workerIds.set(name, ids);
    },
    async send(name, runId, options: EngineSendOptions) {
      await ensureQueue(name);
      const id = await boss.send(
        name,
        { runId },
        {
          startAfter: options.runAt,
          retryLimit: Math.max(0, options.attempts - 1),
          retryDelay: options.backoffSeconds,
          retryBackoff: true,
          expireInSeconds: options.timeoutSeconds,
        },
      );
      if (!id) throw new Error(`pg-boss refused job ${name}`);
      // Wake a local worker now instead of at its next poll.
      if (options.runAt.getTime() <= Date.now()) {
        for (const workerId of workerIds.get(name) ?? []) boss.notifyWorker(workerId);
      }
      return id;
    },
    async cancel(name, engineJobId) {
      await boss.cancel(name, engineJobId);
    },
    async stop() {
      // Long enough for a running handler to finish and pg-boss to record it before the database closes.
      await boss.stop({ graceful: true, timeout: 120_000, wait: true, close: false });
    },
  };
}
