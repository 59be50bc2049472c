import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { JobRun } from '../../../platform/jobs/job-service.js';
import { JOB_STATUSES, jobRun } from '../../../platform/jobs/jobs.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { jobRunSchema } from '../contract.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const view = (r: JobRun) => ({
  id: r.id,
  name: r.name,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  progress: r.progress,
  progressMessage: r.progressMessage,
  lastError: r.lastError,
  runAt: r.runAt.toISOString(),
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
  createdAt: r.createdAt.toISOString(),
});
const NEWEST_FIRST: SortKey = { key: jobRun.createdAt, id: jobRun.id, direction: 'desc' };
const runParams = z.object({ runId: z.string().uuid() });

/** Background jobs of the tenant: list, detail, retry a dead one, cancel a waiting one. */
export const jobRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: { access: { permission: 'admin.jobs.read' } },
      schema: {
        tags: ['admin'],
        summary: 'Background jobs of the tenant',
        querystring: pageQuery().extend({ status: z.enum(JOB_STATUSES).optional() }),
        response: { 200: pageOf(jobRunSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const where = request.query.status ? eq(jobRun.status, request.query.status) : undefined;
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          { totals: platform.listTotals, tenantId: ctx.tenantId, table: jobRun, sort: NEWEST_FIRST, where },
          request.query,
        );
        return pageBody(page.items.map(view), page, total, request.query);
      });
    },
  );

  const findOwn = async (request: Parameters<typeof tenantContext>[1], runId: string) => {
    const ctx = tenantContext(platform, request);
    const [row] = await ctx.db((tx) => tx.select().from(jobRun).where(eq(jobRun.id, runId)));
    if (!row) throw notFound('Auftrag');
    return { ctx, row };
  };

  app.get(
    '/:runId',
    {
      config: { access: { permission: 'admin.jobs.read' } },
      schema: {
        tags: ['admin'],
        summary: 'One background job',
        params: runParams,
        response: { 200: jobRunSchema },
      },
    },
    async (request) => view((await findOwn(request, request.params.runId)).row),
  );

  app.post(
    '/:runId/retry',
    {
      config: { access: { permission: 'admin.jobs.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Run a failed or cancelled job again',
        params: runParams,
        response: { 200: jobRunSchema },
      },
    },
    async (request) => {
      const { ctx, row } = await findOwn(request, request.params.runId);
      if (row.status !== 'dead' && row.status !== 'cancelled') {
        throw conflict(
          'job_not_retryable',
          'Nur fehlgeschlagene oder abgebrochene Aufträge können wiederholt werden.',
        );
      }
      const updated = await platform.jobs.retry(row.id);
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, {
          entity: 'job',
          entityId: row.id,
          action: 'retried',
          before: { status: row.status },
          after: { status: updated.status },
        }),
      );
      return view(updated);
    },
  );

  app.post(
    '/:runId/cancel',
    {
      config: { access: { permission: 'admin.jobs.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Cancel a job that has not run yet',
        params: runParams,
        response: { 200: jobRunSchema },
      },
    },
    async (request) => {
      const { ctx, row } = await findOwn(request, request.params.runId);
      if (row.status !== 'queued' && row.status !== 'retrying') {
        throw conflict('job_not_cancellable', 'Nur wartende Aufträge können abgebrochen werden.');
      }
      const updated = await platform.jobs.cancel(row.id);
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, {
          entity: 'job',
          entityId: row.id,
          action: 'cancelled',
          before: { status: row.status },
          after: { status: 'cancelled' },
        }),
      );
      return view(updated);
    },
  );
};
