import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { auditEntrySchema, paged, paginationQuery } from '../contract.js';

/** The tenant's audit trail, newest first, filterable by entity and user. */
export const auditRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: { access: { permission: 'admin.audit.read' } },
      schema: {
        tags: ['admin'],
        summary: 'Audit log of the tenant',
        querystring: paginationQuery.extend({
          entity: z.string().max(60).optional(),
          entityId: z.string().max(100).optional(),
          userId: z.string().max(100).optional(),
        }),
        response: { 200: paged(auditEntrySchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { page, pageSize, entity, entityId, userId } = request.query;
      const filters: SQL[] = [];
      if (entity) filters.push(eq(auditLog.entity, entity));
      if (entityId) filters.push(eq(auditLog.entityId, entityId));
      if (userId) filters.push(eq(auditLog.userId, userId));
      const where = filters.length > 0 ? and(...filters) : undefined;
      return ctx.db(async (tx) => {
        const rows = await tx
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.createdAt))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        const [total] = await tx.select({ n: count() }).from(auditLog).where(where);
        return {
          items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
          total: total?.n ?? 0,
          page,
          pageSize,
        };
      });
    },
  );
};
