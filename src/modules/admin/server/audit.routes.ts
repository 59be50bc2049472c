import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { auditEntrySchema } from '../contract.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NEWEST_FIRST: SortKey = { key: auditLog.createdAt, id: auditLog.id, direction: 'desc' };

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
        querystring: pageQuery().extend({
          entity: z.string().max(60).optional(),
          entityId: z.string().max(100).optional(),
          userId: z.string().max(100).optional(),
        }),
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { entity, entityId, userId } = request.query;
      const where = and(
        entity ? eq(auditLog.entity, entity) : undefined,
        entityId ? eq(auditLog.entityId, entityId) : undefined,
        userId ? eq(auditLog.userId, userId) : undefined,
      );
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          { totals: platform.listTotals, tenantId: ctx.tenantId, table: auditLog, sort: NEWEST_FIRST, where },
          request.query,
        );
        const subjects = await subjectsOf(tx, page.items);
        const items = page.items.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          subject: subjects.get(`${r.entity}:${r.entityId}`) ?? null,
        }));
        return pageBody(items, page, total, request.query);
      });
    },
  );
};
