import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { Tx } from '../db/database.js';

export interface JobContext<P> {
  runId: string;
  tenantId: string | null;
  payload: P;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  logger: Logger;
  /** 0–100 with an optional human-readable step, shown in the jobs view. */
  reportProgress(percent: number, message?: string): Promise<void>;
  /** Runs `fn` as the job's tenant with row-level security; throws for platform jobs. */
  withTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A named, versioned job with a validated payload; the payload holds ids, not data. */
export interface JobDefinition<P = unknown> {
  name: string;
  version: number;
  payload: ZodType<P>;
  /** Tries in total, including the first (default 3). */
  attempts?: number;
  /** Base of the exponential backoff between tries (default 10 s). */
  backoffSeconds?: number;
  concurrency?: number;
  /** The longest one try may take; the engine hands a try that outlasts it to another worker (default 15 min). */
  timeoutSeconds?: number;
  handler(ctx: JobContext<P>): Promise<unknown>;
  /**
   * Called once when the run is given up (last try failed, or its worker died on the last try),
   * so the module can mark its own record ("Texterkennung fehlgeschlagen") instead of "läuft".
   */
  onGiveUp?(ctx: Omit<JobContext<P>, 'reportProgress'> & { error: string }): Promise<void>;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export interface EnqueueOptions {
  runAt?: Date;
  attempts?: number;
  backoffSeconds?: number;
  /** Idempotency key: a second enqueue with the same name and key returns the first run. */
  key?: string;
  tenantId?: string | null;
  createdBy?: string | null;
}

/** A job's handler could not run and must not be retried (bad payload, gone entity). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
