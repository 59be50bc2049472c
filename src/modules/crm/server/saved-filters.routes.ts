import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { createSavedFilterBody, savedFilterSchema } from '../contract.js';
import { savedFilter } from '../schema.js';

const view = (f: typeof savedFilter.$inferSelect) => ({
  id: f.id,
  entity: f.entity as 'property' | 'contact',
  name: f.name,
  query: f.query,
});

/** A user's named list filters ("Aktive Häuser Konstanz"), private to that user. */
export const savedFilterRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/saved-filters',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'My saved filters',
        querystring: z.object({ entity: z.enum(['property', 'contact']) }),
        response: { 200: z.object({ items: z.array(savedFilterSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select()
          .from(savedFilter)
          .where(and(eq(savedFilter.userId, ctx.auth.user.id), eq(savedFilter.entity, request.query.entity)))
          .orderBy(asc(savedFilter.name)),
      );
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/saved-filters',
    {
      config: { access: { permission: 'crm.filters.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Save the current list filter under a name',
        body: createSavedFilterBody,
        response: { 201: savedFilterSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .insert(savedFilter)
          .values({ ...request.body, userId: ctx.auth.user.id, tenantId: ctx.tenantId })
          .returning(),
      );
      return reply.status(201).send(view(row!));
    },
  );

  app.delete(
    '/saved-filters/:filterId',
    {
      config: { access: { permission: 'crm.filters.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Delete one of my saved filters',
        params: z.object({ filterId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .delete(savedFilter)
          .where(and(eq(savedFilter.id, request.params.filterId), eq(savedFilter.userId, ctx.auth.user.id)))
          .returning(),
      );
      if (!row) throw notFound('Filter');
      return reply.status(204).send(null);
    },
  );
};
