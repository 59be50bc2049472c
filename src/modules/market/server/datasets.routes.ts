import { desc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { datasetView, importInput, importPreview, importPreviewInput } from '../contract.js';
import { marketDataset, marketRecord } from '../schema.js';
import { datasetViewOf } from './dataset-view.js';
import { commitImport, previewImport } from './import-service.js';

/** A 100,000-row price list is some 15 MB of CSV, sent as JSON. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/** The market store's datasets: list, import a CSV (with a dry run first), delete. */
export const datasetsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/datasets',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: 'Datasets of the market store with source, licence and row count',
        response: { 200: z.array(datasetView) },
      },
    },
    async (request) =>
      tenantContext(platform, request).db(async (tx) => {
        const rows = await tx
          .select({
            dataset: marketDataset,
            rows: sql<number>`(select count(*)::int from ${marketRecord} r where r.dataset_id = ${marketDataset.id})`,
          })
          .from(marketDataset)
          .orderBy(desc(marketDataset.createdAt));
        return rows.map((r) => ({ ...datasetViewOf(r.dataset), rowCount: r.rows }));
      }),
  );

  app.post(
    '/imports/preview',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: { permission: 'market.write' } },
      schema: {
        tags: ['market'],
        summary: 'Dry run of a CSV import: guessed column mapping, per-row errors, a sample; stores nothing',
        body: importPreviewInput,
        response: { 200: importPreview },
      },
    },
    async (request) => previewImport(request.body),
  );

  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: { permission: 'market.write' } },
      schema: {
        tags: ['market'],
        summary: 'Import a CSV as a dataset: every row, or none when any row is broken (422 with the rows)',
        body: importInput,
        response: { 201: datasetView },
      },
    },
    async (request, reply) => {
      const view = await commitImport(tenantContext(platform, request), request.body);
      return reply.code(201).send(view);
    },
  );

  app.delete(
    '/datasets/:id',
    {
      config: { access: { permission: 'market.write' } },
      schema: {
        tags: ['market'],
        summary: 'Delete an imported dataset and its prices',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [found] = await tx
          .select()
          .from(marketDataset)
          .where(eq(marketDataset.id, request.params.id))
          .limit(1);
        if (!found) throw notFound('Datensatz');
        if (found.kind === 'eigen')
          throw badRequest(
            'own_dataset',
            'Die eigenen Objekte folgen dem CRM und lassen sich nicht löschen.',
          );
        await tx.delete(marketDataset).where(eq(marketDataset.id, found.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'market_dataset',
          entityId: found.id,
          action: 'deleted',
          before: { name: found.name, kind: found.kind, source: found.source, rows: found.rowCount },
        });
      });
      return reply.code(204).send();
    },
  );
};
