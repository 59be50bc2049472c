import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { appRole } from '../db/tenant-table.js';

export const JOB_STATUSES = ['queued', 'running', 'retrying', 'completed', 'dead', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The truth about every job, whatever engine runs it: the engine only carries the run id.
 * Platform jobs (no tenant) are invisible to the app role.
 */
export const jobRun = pgTable(
  'job_run',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text().references(() => tenant.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    key: text(),
    payload: jsonb().$type<unknown>().notNull(),
    status: text().$type<JobStatus>().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(3),
    backoffSeconds: integer().notNull().default(10),
    progress: integer().notNull().default(0),
    progressMessage: text(),
    lastError: text(),
    result: jsonb().$type<unknown>(),
    engineJobId: text(),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    /** Written every few seconds while a worker runs it: a stale one means the worker died. */
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdBy: text(),
    /** W3C traceparent of the request that queued the run, so its span continues that trace. */
    traceParent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('job_run_name_key_unique').on(t.name, t.key),
    index().on(t.tenantId, t.createdAt),
    index().on(t.status, t.updatedAt),
    pgPolicy('tenant_isolation', {
      for: 'all',
      to: appRole,
      using: sql`tenant_id = current_setting('app.tenant_id', true)`,
      withCheck: sql`tenant_id = current_setting('app.tenant_id', true)`,
    }),
  ],
);
