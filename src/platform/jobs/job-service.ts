import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { reportError } from '../observability/error-reporting.js';
import { jobDuration, jobsActive, jobsFinished } from '../observability/metrics-registry.js';
import { otelInstruments, tracer } from '../observability/telemetry.js';
import type { EnqueueOptions, JobDefinition } from './job-definition.js';
import { PermanentJobError } from './job-definition.js';
import type { JobEngine } from './job-engine.js';
import { type JobStatus, jobRun } from './jobs.schema.js';

export type JobRun = typeof jobRun.$inferSelect;

/** How often a running try says it is alive, and after how long without that it counts as lost. */
const HEARTBEAT_MS = 15_000;
const LOST_AFTER_SECONDS = 120;
const DEFAULT_TIMEOUT_SECONDS = 15 * 60;
const silentFor = (seconds: number) => new Date(Date.now() - seconds * 1000);
const INTERRUPTED = 'Unterbrochen (der Server wurde beendet oder ist abgestürzt).';

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`no job named "${name}" is registered (is its module enabled?)`);
    this.name = 'UnknownJobError';
  }
}

/**
 * The JobQueue port: job_run rows are the truth (status, attempts, progress, result) and
 * the engine (pg-boss or BullMQ) delivers run ids with retries and exponential backoff.
 */
export class JobService {
  readonly #definitions = new Map<string, JobDefinition<unknown>>();
  readonly #active = new Set<Promise<void>>();
  #started = false;
  #working = false;
  /** Runs enqueued before the engine started (seeding, module start-up); sent on start. */
  readonly #unsent: JobRun[] = [];
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly engine: JobEngine,
    private readonly logger: Logger,
  ) {}

  get engineKind(): JobEngine['kind'] {
    return this.engine.kind;
  }

  get names(): string[] {
    return [...this.#definitions.keys()];
  }

  /** Registers a handler; workers start with `start()`, or immediately once started. */
  async handle<P>(definition: JobDefinition<P>): Promise<void> {
    if (this.#definitions.has(definition.name)) throw new Error(`job "${definition.name}" registered twice`);
    this.#definitions.set(definition.name, definition as JobDefinition<unknown>);
    if (this.#started && this.#working) await this.#register(definition as JobDefinition<unknown>);
  }

  /**
   * `work: false` (ROLE=api) only sends: runs are queued for the worker processes, and
   * recovering lost tries is theirs too.
   */
  async start({ work }: { work: boolean } = { work: true }): Promise<void> {
    // Taken before any worker of this process runs: what was running earlier is not ours.
    const startedAt = new Date();
    await this.engine.start();
    this.#started = true;
    this.#working = work;
    for (const row of this.#unsent.splice(0)) await this.#dispatch(row);
    if (!work) return;
    for (const definition of this.#definitions.values()) await this.#register(definition);
    // On the embedded database this process is the only worker (the data directory is locked):
    // every try still marked running was cut off by the last stop or crash.
    await this.recoverLost(this.database.kind === 'pglite' ? startedAt : silentFor(LOST_AFTER_SECONDS));
    await this.sweep();
    this.#sweepTimer = setInterval(() => {
      this.recoverLost(silentFor(LOST_AFTER_SECONDS))
        .then(() => this.sweep())
        .catch((error) => this.logger.error({ err: error }, 'job recovery sweep failed'));
    }, 60_000);
    this.#sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    if (this.#started) await this.engine.stop();
    await Promise.allSettled([...this.#active]);
    this.#started = false;
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<JobRun> {
    const definition = this.#definitions.get(name);
    if (!definition) throw new UnknownJobError(name);
    const parsed = definition.payload.parse(payload);
    const attempts = options.attempts ?? definition.attempts ?? 3;
    const backoffSeconds = options.backoffSeconds ?? definition.backoffSeconds ?? 10;
    const runAt = options.runAt ?? new Date();
    const [inserted] = await this.database.db
      .insert(jobRun)
      .values({
        name,
        key: options.key ?? null,
        tenantId: options.tenantId ?? null,
        payload: parsed,
        maxAttempts: attempts,
        backoffSeconds,
        runAt,
        createdBy: options.createdBy ?? null,
        traceParent: activeTraceParent(),
      })
      .onConflictDoNothing({ target: [jobRun.name, jobRun.key] })
      .returning();
    if (!inserted) {
      const [existing] = await this.database.db
        .select()
        .from(jobRun)
        .where(and(eq(jobRun.name, name), eq(jobRun.key, options.key ?? '')));
      if (!existing) throw new Error(`job ${name}: idempotency conflict without a row`);
      return existing;
    }
    return this.#dispatch(inserted);
  }

  async get(runId: string): Promise<JobRun | undefined> {
    const [row] = await this.database.db.select().from(jobRun).where(eq(jobRun.id, runId));
    return row;
  }

  /** Puts a dead or cancelled run back in the queue with a fresh set of attempts. */
  async retry(runId: string): Promise<JobRun> {
    const [row] = await this.database.db
      .update(jobRun)
      .set({
        status: 'queued',
        attempts: 0,
        lastError: null,
        progress: 0,
        progressMessage: null,
        runAt: new Date(),
        finishedAt: null,
        engineJobId: null,
        updatedAt: new Date(),
      })
      .where(and(eq(jobRun.id, runId), inArray(jobRun.status, ['dead', 'cancelled'])))
      .returning();
    if (!row) throw new Error('only dead or cancelled jobs can be retried');
    return this.#dispatch(row);
  }

  async cancel(runId: string): Promise<JobRun> {
    const [row] = await this.database.db
      .update(jobRun)
      .set({ status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(jobRun.id, runId), inArray(jobRun.status, ['queued', 'retrying'])))
      .returning();
    if (!row) throw new Error('only queued or retrying jobs can be cancelled');
    if (row.engineJobId) {
      await this.engine.cancel(row.name, row.engineJobId).catch((error) => {
        this.logger.warn({ err: error, runId }, 'engine could not cancel job; the worker will skip it');
      });
    }
    return row;
  }

  /** Waits until a run is finished (completed, dead or cancelled) — for tests and scripts. */
  async waitFor(runId: string, timeoutMs = 30_000): Promise<JobRun> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.get(runId);
      if (!row) throw new Error(`job run ${runId} not found`);
      if (row.status === 'completed' || row.status === 'dead' || row.status === 'cancelled') return row;
      if (Date.now() > deadline)
        throw new Error(`job run ${runId} still ${row.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Tries whose worker died (kill -9, a crash, a lost machine): no heartbeat since `silentSince`.
   * With tries left the run goes back to the queue as a fresh delivery (the engine's old one is
   * ignored when it comes back, see #execute); on its last try it is given up with the reason.
   */
  async recoverLost(silentSince: Date): Promise<number> {
    const lost = await this.database.db
      .select()
      .from(jobRun)
      .where(
        and(
          eq(jobRun.status, 'running'),
          sql`coalesce(${jobRun.heartbeatAt}, ${jobRun.startedAt}, ${jobRun.updatedAt}) < ${silentSince}`,
          inArray(jobRun.name, this.names.length > 0 ? this.names : ['']),
        ),
      )
      .limit(100);
    for (const row of lost) {
      const definition = this.#definitions.get(row.name);
      if (row.attempts < row.maxAttempts) {
        const [requeued] = await this.database.db
          .update(jobRun)
          .set({
            status: 'queued',
            engineJobId: null,
            runAt: new Date(),
            lastError: INTERRUPTED,
            updatedAt: new Date(),
          })
          .where(and(eq(jobRun.id, row.id), eq(jobRun.status, 'running')))
          .returning();
        if (requeued) await this.#dispatch(requeued);
      } else {
        await this.#finish(row.id, 'dead', { lastError: INTERRUPTED });
        if (definition) await this.#giveUp(definition, row, INTERRUPTED);
      }
      this.logger.warn(
        { job: row.name, runId: row.id, attempts: row.attempts },
        'recovered a job whose worker died',
      );
    }
    return lost.length;
  }

  /** Sends runs whose engine hand-off never happened (crash between insert and send). */
  async sweep(): Promise<number> {
    const stale = await this.database.db
      .select()
      .from(jobRun)
      .where(
        and(
          eq(jobRun.status, 'queued'),
          isNull(jobRun.engineJobId),
          lt(jobRun.createdAt, sql`now() - interval '30 seconds'`),
          inArray(jobRun.name, this.names.length > 0 ? this.names : ['']),
        ),
      )
      .limit(100);
    for (const row of stale) await this.#dispatch(row);
    return stale.length;
  }

  async #dispatch(row: JobRun): Promise<JobRun> {
    if (!this.#started) {
      this.#unsent.push(row);
      return row;
    }
    const engineJobId = await this.engine.send(row.name, row.id, {
      runAt: row.runAt,
      // Attempts already used before a recovery stay used.
      attempts: Math.max(1, row.maxAttempts - row.attempts),
      backoffSeconds: row.backoffSeconds,
      timeoutSeconds: this.#definitions.get(row.name)?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    });
    const [updated] = await this.database.db
      .update(jobRun)
      .set({ engineJobId, updatedAt: new Date() })
      .where(eq(jobRun.id, row.id))
      .returning();
    return updated ?? row;
  }

  async #register(definition: JobDefinition<unknown>): Promise<void> {
    await this.engine.register(
      definition.name,
      (runId, engineJobId) => {
        const run = this.#execute(definition, runId, engineJobId);
        this.#active.add(run);
        return run.finally(() => this.#active.delete(run));
      },
      { concurrency: definition.concurrency ?? 1 },
    );
  }

  async #execute(definition: JobDefinition<unknown>, runId: string, engineJobId: string): Promise<void> {
    const [row] = await this.database.db
      .update(jobRun)
      .set({
        status: 'running',
        attempts: sql`${jobRun.attempts} + 1`,
        startedAt: new Date(),
        heartbeatAt: new Date(),
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(jobRun.id, runId),
          inArray(jobRun.status, ['queued', 'retrying', 'running']),
          // A delivery the recovery replaced (its engine id is no longer the run's) does nothing.
          sql`(${jobRun.engineJobId} is null or ${jobRun.engineJobId} = ${engineJobId})`,
        ),
      )
      .returning();
    if (!row) return; // cancelled, finished, gone or superseded: nothing to do
    jobsActive.inc({ job: row.name });
    const stopTimer = jobDuration.startTimer({ job: row.name });
    const started = performance.now();
    let outcome: 'completed' | 'retrying' | 'dead' = 'completed';
    // The run continues the trace of the request that queued it, on whichever worker it runs.
    const queuedIn = row.traceParent
      ? propagation.extract(ROOT_CONTEXT, { traceparent: row.traceParent })
      : ROOT_CONTEXT;
    const span = tracer().startSpan(
      `job ${row.name}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': this.engine.kind,
          'immoxx.job.name': row.name,
          'immoxx.job.run_id': runId,
          'immoxx.job.attempt': row.attempts,
        },
      },
      queuedIn,
    );
    const logger = this.logger.child({ job: row.name, runId, attempt: row.attempts });
    const heartbeat = setInterval(() => {
      this.database.db
        .update(jobRun)
        .set({ heartbeatAt: new Date() })
        .where(eq(jobRun.id, runId))
        .catch((error: unknown) => logger.warn({ err: error }, 'job heartbeat failed'));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const payload = definition.payload.parse(row.payload);
      const result = await context.with(trace.setSpan(context.active(), span), () =>
        definition.handler({
          runId,
          tenantId: row.tenantId,
          payload,
          attempt: row.attempts,
          maxAttempts: row.maxAttempts,
          logger,
          reportProgress: async (percent, message) => {
            await this.database.db
              .update(jobRun)
              .set({
                progress: Math.max(0, Math.min(100, Math.round(percent))),
                progressMessage: message ?? null,
                updatedAt: new Date(),
              })
              .where(eq(jobRun.id, runId));
          },
          withTenant: (fn) => {
            if (!row.tenantId) throw new PermanentJobError('platform job has no tenant');
            return this.database.withTenant(row.tenantId, fn);
          },
        }),
      );
      await this.#finish(runId, 'completed', { result: result ?? null, progress: 100 });
      jobsFinished.inc({ job: row.name, status: 'completed' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent =
        error instanceof PermanentJobError || (error as { name?: string }).name === 'ZodError';
      const lastTry = permanent || row.attempts >= row.maxAttempts;
      logger.warn({ err: error, lastTry }, 'job failed');
      await this.#finish(runId, lastTry ? 'dead' : 'retrying', { lastError: message.slice(0, 2000) });
      outcome = lastTry ? 'dead' : 'retrying';
      jobsFinished.inc({ job: row.name, status: outcome });
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: message.slice(0, 200) });
      if (lastTry)
        reportError(error, {
          source: 'job',
          tags: { job: row.name },
          extra: { runId, attempt: row.attempts, maxAttempts: row.maxAttempts },
          tenantId: row.tenantId,
        });
      if (lastTry) await this.#giveUp(definition, row, message.slice(0, 2000));
      // Rethrow so the engine schedules the next try with its backoff.
      if (!lastTry) throw error;
    } finally {
      clearInterval(heartbeat);
      jobsActive.dec({ job: row.name });
      stopTimer();
      span.setAttribute('immoxx.job.outcome', outcome);
      span.end();
      const seconds = (performance.now() - started) / 1000;
      otelInstruments().jobDuration.record(seconds, { 'immoxx.job.name': row.name });
      otelInstruments().jobsFinished.add(1, { 'immoxx.job.name': row.name, 'immoxx.job.outcome': outcome });
    }
  }

  /** Lets the owning module mark its record as failed; a failure here is logged, never thrown. */
  async #giveUp(definition: JobDefinition<unknown>, row: JobRun, error: string): Promise<void> {
    if (!definition.onGiveUp) return;
    try {
      const parsed = definition.payload.safeParse(row.payload);
      if (!parsed.success) return;
      await definition.onGiveUp({
        runId: row.id,
        tenantId: row.tenantId,
        payload: parsed.data,
        attempt: row.attempts,
        maxAttempts: row.maxAttempts,
        logger: this.logger.child({ job: row.name, runId: row.id }),
        withTenant: (fn) => {
          if (!row.tenantId) throw new PermanentJobError('platform job has no tenant');
          return this.database.withTenant(row.tenantId, fn);
        },
        error,
      });
    } catch (giveUpError) {
      this.logger.error({ err: giveUpError, job: row.name, runId: row.id }, 'job give-up hook failed');
    }
  }

  async #finish(
    runId: string,
    status: JobStatus,
    fields: { result?: unknown; lastError?: string; progress?: number },
  ): Promise<void> {
    const done = status !== 'retrying';
    await this.database.db
      .update(jobRun)
      .set({ status, ...fields, ...(done ? { finishedAt: new Date() } : {}), updatedAt: new Date() })
      .where(eq(jobRun.id, runId));
  }
}

/** The traceparent of the active span (a request, a job queuing another), or null when tracing is off. */
function activeTraceParent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}
