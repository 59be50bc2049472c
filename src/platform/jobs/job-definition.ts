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
  handler(ctx: JobContext<P>): Promise<unknown>;
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
