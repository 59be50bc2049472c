import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import { jobRun } from '../../../platform/jobs/jobs.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { openimmoExport } from '../schema.js';
import { OPENIMMO_EXPORT_JOB } from './openimmo-export.js';
import { importOpenImmo, openimmoImportReport } from './openimmo-import.js';

const exportSchema = z.object({
  id: z.string(),
  scope: z.enum(['VOLL', 'TEIL']),
  status: z.enum(['laeuft', 'fertig', 'fehler']),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  listingCount: z.number(),
  changedCount: z.number(),
  deletedCount: z.number(),
  sizeBytes: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  downloadUrl: z.string().nullable(),
});
type ExportRow = typeof openimmoExport.$inferSelect;

const view = (row: ExportRow, job: { progress: number; progressMessage: string | null } | null) => ({
  id: row.id,
  scope: row.scope as 'VOLL' | 'TEIL',
  status: row.status as 'laeuft' | 'fertig' | 'fehler',
  progress: row.status === 'fertig' ? 100 : (job?.progress ?? 0),
  progressMessage: job?.progressMessage ?? null,
  listingCount: row.listingCount,
  changedCount: row.changedCount,
  deletedCount: row.deletedCount,
  sizeBytes: row.sizeBytes,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  downloadUrl: row.fileKey ? `/api/crm/openimmo/exports/${row.id}/download` : null,
});

/** OpenImmo 1.2.7b: feed export as a job (ZIP with XML and images) and import of feeds from other systems. */
export const openimmoRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const uploadLimit = platform.config.env.UPLOAD_LIMIT_BYTES * 5;
  app.addContentTypeParser(
    ['application/zip', 'application/x-zip-compressed', 'application/xml', 'text/xml'],
    { parseAs: 'buffer', bodyLimit: uploadLimit },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/exports',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary:
          'Start an OpenImmo export: VOLL lists every active listing, TEIL only changes since the last export plus DELETE entries',
        body: z.object({ scope: z.enum(['VOLL', 'TEIL']).default('VOLL') }).strict(),
        response: { 202: exportSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const running = await ctx.db((tx) =>
        tx
          .select({ id: openimmoExport.id })
          .from(openimmoExport)
          .where(eq(openimmoExport.status, 'laeuft'))
          .limit(1),
      );
      if (running.length > 0) throw conflict('export_running', 'Es läuft bereits ein OpenImmo-Export.');
      const [row] = await ctx.db((tx) =>
        tx
          .insert(openimmoExport)
          .values({ tenantId: ctx.tenantId, scope: request.body.scope, createdBy: ctx.auth.user.id })
          .returning(),
      );
      if (!row) throw new Error('insert returned nothing');
      const run = await platform.jobs.enqueue(
        OPENIMMO_EXPORT_JOB,
        { exportId: row.id },
        { tenantId: ctx.tenantId, key: row.id, createdBy: ctx.auth.user.id },
      );
      const [saved] = await ctx.db((tx) =>
        tx.update(openimmoExport).set({ jobRunId: run.id }).where(eq(openimmoExport.id, row.id)).returning(),
      );
      return reply.status(202).send(view(saved ?? row, null));
    },
  );

  app.get(
    '/exports',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'The last 20 OpenImmo exports with progress',
        response: { 200: z.object({ items: z.array(exportSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select({
            export: openimmoExport,
            progress: jobRun.progress,
            progressMessage: jobRun.progressMessage,
          })
          .from(openimmoExport)
          .leftJoin(jobRun, eq(jobRun.id, openimmoExport.jobRunId))
          .orderBy(desc(openimmoExport.createdAt))
          .limit(20),
      );
      return {
        items: rows.map((r) =>
          view(
            r.export,
            r.progress === null ? null : { progress: r.progress, progressMessage: r.progressMessage },
          ),
        ),
      };
    },
  );

  app.get(
    '/exports/:exportId/download',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'The export ZIP (openimmo.xml and images)',
        params: z.object({ exportId: z.string().uuid() }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.select().from(openimmoExport).where(eq(openimmoExport.id, request.params.exportId)),
      );
      if (!row?.fileKey) throw notFound('Export');
      const stamp = (row.finishedAt ?? row.createdAt).toISOString().slice(0, 16).replace(/[-:T]/g, '');
      return reply
        .type('application/zip')
        .header(
          'content-disposition',
          `attachment; filename="openimmo-${row.scope.toLowerCase()}-${stamp}.zip"`,
        )
        .send(await platform.files.stream(row.fileKey));
    },
  );

  app.post(
    '/import',
    {
      config: { access: { permission: 'crm.properties.write' } },
      bodyLimit: uploadLimit,
      schema: {
        tags: ['crm'],
        summary:
          'Import an OpenImmo feed (XML, or ZIP with XML and images) into properties; dryRun reports without writing',
        consumes: ['application/zip', 'application/xml', 'text/xml'],
        querystring: z.object({
          dryRun: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
        }),
        response: { 200: openimmoImportReport },
      },
    },
    async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return importOpenImmo(platform, tenantContext(platform, request), body, {
        dryRun: request.query.dryRun,
      });
    },
  );
};
