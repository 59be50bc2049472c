import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import { auditEntrySchema, paged, paginationQuery } from '../contract.js';

/** The tenant's audit trail, newest first, filterable by entity and user. */
export const auditRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  /** Asks each module that audits an entity for its records' names, one query per entity. */
  const subjectsOf = async (tx: Tx, rows: { entity: string; entityId: string }[]) => {
    const found = new Map<string, { label: string; path: string | null }>();
    const byEntity = new Map<string, string[]>();
    for (const r of rows) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.entityId]);
    for (const [entity, entityIds] of byEntity) {
      for (const server of platform.moduleServers.values()) {
        const lookup = server.auditSubjects?.[entity];
        if (!lookup) continue;
        const ids = [...new Set(entityIds)].filter((id) => UUID.test(id));
        if (ids.length === 0) continue;
        for (const [id, subject] of await lookup(tx, ids)) found.set(`${entity}:${id}`, subject);
      }
    }
    return found;
  };

  app.get(
    '/entities',
    {
      config: { access: { permission: 'admin.audit.read' } },
      schema: {
        tags: ['admin'],
        summary: 'The areas (entities) that appear in the audit log, for its filter',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(auditLog.entity),
      );
      return { items: rows.map((r) => r.entity) };
    },
  );

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
        const subjects = await subjectsOf(tx, rows);
        return {
          items: rows.map((r) => ({
            ...r,
            createdAt: r.createdAt.toISOString(),
            subject: subjects.get(`${r.entity}:${r.entityId}`) ?? null,
          })),
          total: total?.n ?? 0,
          page,
          pageSize,
        };
      });
    },
  );
};
