import {
  and,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  max,
  ne,
  or,
  type SQL,
  sum,
} from 'drizzle-orm';
import { auditLog } from '../../../platform/audit/audit.schema.js';
import { tenant, tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { tenantPlan } from '../../../platform/plans/plans.schema.js';
import { supportAccessGrant } from '../../../platform/superadmin/support-access.schema.js';
import { aiGeneration } from '../../ai/schema.js';
import { property } from '../../crm/schema.js';
import type { OfficeList, officeListQuery } from '../contract.js';

/** The list's query, or one office by its id (after an operator changed it). */
type Query = ReturnType<typeof officeListQuery.parse> & { id?: string };

const byTenant = <T>(rows: { tenantId: string; value: T }[]) =>
  new Map(rows.map((r) => [r.tenantId, r.value]));

/**
 * One page of offices with what an operator needs to know of each. Counted per page with one
 * grouped query per figure, so the page costs the same with 10 or 10,000 offices.
 */
export async function officeOverview(platform: Platform, query: Query): Promise<OfficeList> {
  const db = platform.database.db;
  const filters: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    const match = or(ilike(tenant.name, like), ilike(tenant.slug, like));
    if (match) filters.push(match);
  }
  if (query.id) filters.push(eq(tenant.id, query.id));
  if (query.status === 'active') filters.push(isNull(tenant.deactivatedAt));
  if (query.status === 'deactivated') filters.push(isNotNull(tenant.deactivatedAt));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [totalRow] = await db.select({ n: count() }).from(tenant).where(where);
  const offices = await db
    .select({
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      createdAt: tenant.createdAt,
      deactivatedAt: tenant.deactivatedAt,
      deleteAfter: tenant.deleteAfter,
      plan: tenantPlan.plan,
      planStatus: tenantPlan.status,
    })
    .from(tenant)
    .leftJoin(tenantPlan, eq(tenantPlan.tenantId, tenant.id))
    .where(where)
    .orderBy(desc(tenant.createdAt), tenant.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ids = offices.map((o) => o.id);
  if (ids.length === 0)
    return { items: [], total: totalRow?.n ?? 0, page: query.page, pageSize: query.pageSize };
  const monthStart = new Date();
  monthStart.setUTCDate(1);
  monthStart.setUTCHours(0, 0, 0, 0);
  const [users, listings, aiCost, lastActivity, storage, support] = await Promise.all([
    db
      .select({ tenantId: tenantMember.organizationId, value: count() })
      .from(tenantMember)
      .where(inArray(tenantMember.organizationId, ids))
      .groupBy(tenantMember.organizationId),
    db
      .select({ tenantId: property.tenantId, value: count() })
      .from(property)
      .where(and(inArray(property.tenantId, ids), ne(property.status, 'archiviert')))
      .groupBy(property.tenantId),
    db
      .select({ tenantId: aiGeneration.tenantId, value: sum(aiGeneration.costMicros).mapWith(Number) })
      .from(aiGeneration)
      .where(and(inArray(aiGeneration.tenantId, ids), gte(aiGeneration.createdAt, monthStart)))
      .groupBy(aiGeneration.tenantId),
    db
      .select({ tenantId: auditLog.tenantId, value: max(auditLog.createdAt) })
      .from(auditLog)
      .where(inArray(auditLog.tenantId, ids))
      .groupBy(auditLog.tenantId),
    Promise.all(
      ids.map(async (id) => ({ tenantId: id, value: (await platform.files.usage(`tenants/${id}/`)).bytes })),
    ),
    db
      .select({ tenantId: supportAccessGrant.tenantId, value: max(supportAccessGrant.expiresAt) })
      .from(supportAccessGrant)
      .where(
        and(
          inArray(supportAccessGrant.tenantId, ids),
          isNull(supportAccessGrant.revokedAt),
          gt(supportAccessGrant.expiresAt, new Date()),
        ),
      )
      .groupBy(supportAccessGrant.tenantId),
  ]);
  const [u, l, a, act, st, sup] = [users, listings, aiCost, lastActivity, storage, support].map((rows) =>
    byTenant(rows as { tenantId: string; value: unknown }[]),
  );
  return {
    items: offices.map((o) => ({
      id: o.id,
      name: o.name,
      slug: o.slug,
      createdAt: o.createdAt.toISOString(),
      active: o.deactivatedAt === null,
      plan: o.plan,
      planStatus: o.planStatus,
      users: Number(u?.get(o.id) ?? 0),
      listings: Number(l?.get(o.id) ?? 0),
      storageBytes: Number(st?.get(o.id) ?? 0),
      aiCostMicros: Number(a?.get(o.id) ?? 0),
      lastActivityAt: (act?.get(o.id) as Date | null | undefined)?.toISOString() ?? null,
      supportAccessUntil: (sup?.get(o.id) as Date | null | undefined)?.toISOString() ?? null,
      deleteAfter: o.deleteAfter?.toISOString() ?? null,
    })),
    total: totalRow?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
