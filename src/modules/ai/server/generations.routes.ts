import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { pageBody, type SortKey, seekPlan } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { prefixTsQuery } from '../../crm/server/property-queries.js';
import { generationSchema } from '../contract.js';
import { aiGeneration } from '../schema.js';
import { generationColumns, generationView, readGeneration } from './generation-store.js';

const NEWEST_FIRST: SortKey = { key: aiGeneration.createdAt, id: aiGeneration.id, direction: 'desc' };

/** History: every generation, searchable, filterable by kind, type and property; files served to members. */
export const generationsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/generations',
    {
      config: { access: { permission: 'ai.history.read' } },
      schema: {
        tags: ['ai'],
        summary: 'Generation history, newest first',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          kind: z.enum(['text', 'image', 'video']).optional(),
          type: z.string().max(40).optional(),
          propertyId: z.string().uuid().optional(),
          ...pageQuery(20).shape,
        }),
        response: { 200: pageOf(generationSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { q, kind, type, propertyId } = request.query;
      const query = q ? prefixTsQuery(q) : null;
      const where = and(
        kind ? eq(aiGeneration.kind, kind) : undefined,
        type ? eq(aiGeneration.type, type) : undefined,
        propertyId ? eq(aiGeneration.propertyId, propertyId) : undefined,
        query ? sql`${aiGeneration.searchVector} @@ to_tsquery('german', ${query})` : undefined,
      );
      const plan = seekPlan(NEWEST_FIRST, 'ai_generation', request.query);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({ ...generationColumns, sortValue: plan.sortValue })
          .from(aiGeneration)
          .leftJoin(property, eq(property.id, aiGeneration.propertyId))
          .leftJoin(authUser, eq(authUser.id, aiGeneration.userId))
          .where(and(where, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset);
        const page = plan.page(rows, (r) => r.row.id);
        const total = await platform.listTotals.count(tx, ctx.tenantId, aiGeneration, where, {
          exact: request.query.exactTotal,
        });
        return pageBody(
          page.items.map((r) => generationView(r.row, r)),
          page,
          total,
          request.query,
        );
      });
    },
  );

  app.get(
    '/generations/:id',
    {
      config: { access: { permission: 'ai.history.read' } },
      schema: {
        tags: ['ai'],
        summary: 'One generation with inputs, output and cost',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: generationSchema },
      },
    },
    async (request) => {
      const found = await readGeneration(tenantContext(platform, request), request.params.id);
      if (!found) throw notFound('Erzeugung');
      // A running video reports its job's progress, so the studio can show how far it is.
      if (found.status !== 'laeuft' || !found.jobRunId) return found;
      const run = await platform.jobs.get(found.jobRunId);
      return run ? { ...found, progress: { percent: run.progress, message: run.progressMessage } } : found;
    },
  );

  app.get(
    '/generations/:id/files/:index',
    {
      config: { access: { permission: 'ai.history.read' } },
      schema: {
        tags: ['ai'],
        summary: 'A generated image or video',
        params: z.object({ id: z.string().uuid(), index: z.coerce.number().int().min(0).max(50) }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .select({ files: aiGeneration.outputFiles })
          .from(aiGeneration)
          .where(eq(aiGeneration.id, request.params.id)),
      );
      const file = row?.files[request.params.index];
      if (!file) throw notFound('Datei');
      const ext = file.contentType.split('/')[1] ?? 'bin';
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, max-age=86400')
        .header(
          'content-disposition',
          `inline; filename="ki-${request.params.id.slice(0, 8)}-${request.params.index}.${ext}"`,
        )
        .send(await platform.files.stream(file.key));
    },
  );
};
