import { and, asc, count, desc, eq, ilike, inArray, like, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { containsPattern } from '../../../platform/db/like-pattern.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { tenantSettings } from '../../../platform/tenancy/tenancy.schema.js';
import { property } from '../../crm/schema.js';
import type {
  NetworkDetail,
  NetworkReport,
  OfficeFigures,
  PoolView,
  poolQuery,
  RoutingView,
  routingInput,
} from '../contract.js';
import { brokerNetwork, networkLead, networkLeadRule, networkMember, networkOfficeStats } from '../schema.js';
import { withNetwork } from './network-context.js';
import { lastMonths, refreshOfficeStats } from './office-stats.js';

export const inquiryUrl = (platform: Platform, slug: string) => `${platform.publicUrl}/n/${slug}`;

/** Display names of offices (their branding name, else the office name); public facts, read by the platform. */
export async function officeNames(platform: Platform, tenantIds: string[]): Promise<Map<string, string>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await platform.database.db
    .select({ id: tenant.id, name: sql<string>`coalesce(${tenantSettings.displayName}, ${tenant.name})` })
    .from(tenant)
    .leftJoin(tenantSettings, eq(tenantSettings.tenantId, tenant.id))
    .where(inArray(tenant.id, tenantIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function networkDetail(platform: Platform, networkId: string): Promise<NetworkDetail> {
  const { network, members } = await withNetwork(platform.database, networkId, async (tx) => ({
    network: (await tx.select().from(brokerNetwork).where(eq(brokerNetwork.id, networkId)))[0],
    members: await tx.select().from(networkMember).orderBy(asc(networkMember.joinedAt)),
  }));
  if (!network) throw notFound('Netzwerk');
  const names = await officeNames(
    platform,
    members.map((m) => m.tenantId),
  );
  return {
    id: network.id,
    name: network.name,
    slug: network.slug,
    fallbackTenantId: network.fallbackTenantId,
    inquiryUrl: inquiryUrl(platform, network.slug),
    members: members
      .map((m) => ({
        tenantId: m.tenantId,
        name: names.get(m.tenantId) ?? m.tenantId,
        sharesListings: m.sharesListings,
        sharesReports: m.sharesReports,
        joinedAt: m.joinedAt.toISOString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  };
}

const POOL_PAGE = 200;

/** The pool as the network's role reads it: RLS leaves only the shared listings on the market. */
export async function readPool(
  platform: Platform,
  networkId: string,
  query: z.infer<typeof poolQuery>,
): Promise<PoolView> {
  const q = query.q?.trim();
  const where = and(
    query.marketingType ? eq(property.marketingType, query.marketingType) : undefined,
    query.objectType ? eq(property.objectType, query.objectType) : undefined,
    q
      ? /^\d+$/.test(q)
        ? like(property.postalCode, `${q}%`)
        : or(ilike(property.city, containsPattern(q)), ilike(property.title, containsPattern(q)))
      : undefined,
  );
  const { rows, total } = await withNetwork(platform.database, networkId, async (tx) => ({
    rows: await tx
      .select({
        id: property.id,
        tenantId: property.tenantId,
        slug: property.slug,
        title: property.title,
        marketingType: property.marketingType,
        objectType: property.objectType,
        status: property.status,
        postalCode: property.postalCode,
        city: property.city,
        priceCents: sql<
          string | number | null
        >`coalesce(${property.purchasePriceCents}, ${property.coldRentCents})`,
        livingArea: property.livingArea,
        rooms: property.rooms,
        publishedAt: property.publishedAt,
      })
      .from(property)
      .where(where)
      .orderBy(desc(property.publishedAt), desc(property.id))
      .limit(POOL_PAGE),
    total: (await tx.select({ n: count() }).from(property).where(where))[0]?.n ?? 0,
  }));
  const names = await officeNames(platform, [...new Set(rows.map((r) => r.tenantId))]);
  return {
    total,
    listings: rows.map((r) => ({
      id: r.id,
      officeId: r.tenantId,
      officeName: names.get(r.tenantId) ?? '',
      title: r.title,
      marketingType: r.marketingType,
      objectType: r.objectType,
      status: r.status,
      postalCode: r.postalCode,
      city: r.city,
      priceCents: r.priceCents === null ? null : Number(r.priceCents),
      livingArea: r.livingArea,
      rooms: r.rooms,
      publicUrl: `${platform.publicUrl}/p/${r.slug}`,
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
  };
}

const REPORT_MONTHS = 6;
const ZERO: OfficeFigures = { newListings: 0, soldOrLet: 0, newContacts: 0, viewings: 0, activeListings: 0 };

/**
 * Figures per member and month. The figures of the members that share them are brought up to
 * date in each member's own transaction; what the network then reads is decided by its policies,
 * so an office that stops sharing disappears from the report at once.
 */
export async function networkReport(platform: Platform, networkId: string): Promise<NetworkReport> {
  const months = lastMonths(REPORT_MONTHS);
  const members = await withNetwork(platform.database, networkId, (tx) => tx.select().from(networkMember));
  for (const member of members.filter((m) => m.sharesReports)) {
    await platform.database.withTenant(member.tenantId, (tx) =>
      refreshOfficeStats(tx, member.tenantId, months),
    );
  }
  const { stats, leads } = await withNetwork(platform.database, networkId, async (tx) => {
    const leadMonth = sql<string>`to_char(${networkLead.createdAt} at time zone 'Europe/Berlin', 'YYYY-MM')`;
    return {
      stats: await tx.select().from(networkOfficeStats).where(inArray(networkOfficeStats.month, months)),
      leads: await tx
        .select({ tenantId: networkLead.targetTenantId, month: leadMonth, n: count() })
        .from(networkLead)
        .where(inArray(leadMonth, months))
        .groupBy(networkLead.targetTenantId, leadMonth),
    };
  });
  const names = await officeNames(
    platform,
    members.map((m) => m.tenantId),
  );
  const statOf = new Map(stats.map((s) => [`${s.tenantId}:${s.month}`, s]));
  const leadsOf = new Map(leads.map((l) => [`${l.tenantId}:${l.month}`, l.n]));
  const offices = members
    .map((m) => {
      const shared = stats.some((s) => s.tenantId === m.tenantId);
      return {
        tenantId: m.tenantId,
        name: names.get(m.tenantId) ?? m.tenantId,
        sharesReports: shared,
        figures: months.map((month) => {
          if (!shared) return null;
          const s = statOf.get(`${m.tenantId}:${month}`);
          return s
            ? {
                newListings: s.newListings,
                soldOrLet: s.soldOrLet,
                newContacts: s.newContacts,
                viewings: s.viewings,
                activeListings: s.activeListings,
              }
            : { ...ZERO };
        }),
        leadsRouted: months.map((month) => leadsOf.get(`${m.tenantId}:${month}`) ?? 0),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const totals = months.map((_, i) => {
    const sum = { ...ZERO, leadsRouted: 0 };
    for (const office of offices) {
      const f = office.figures[i];
      if (f) for (const key of Object.keys(ZERO) as (keyof OfficeFigures)[]) sum[key] += f[key];
      sum.leadsRouted += office.leadsRouted[i] ?? 0;
    }
    return sum;
  });
  return { months, offices, totals };
}

export async function readRouting(platform: Platform, networkId: string): Promise<RoutingView> {
  return withNetwork(platform.database, networkId, async (tx) => {
    const [network] = await tx
      .select({ fallback: brokerNetwork.fallbackTenantId })
      .from(brokerNetwork)
      .where(eq(brokerNetwork.id, networkId));
    const rules = await tx
      .select({
        id: networkLeadRule.id,
        position: networkLeadRule.position,
        postalPrefix: networkLeadRule.postalPrefix,
        marketingType: networkLeadRule.marketingType,
        objectType: networkLeadRule.objectType,
        targetTenantId: networkLeadRule.targetTenantId,
      })
      .from(networkLeadRule)
      .orderBy(asc(networkLeadRule.position));
    return { rules, fallbackTenantId: network?.fallback ?? null };
  });
}

/** Replaces the rules as a whole (their order is their priority); every office named must be a member. */
export async function saveRouting(
  platform: Platform,
  networkId: string,
  input: z.output<typeof routingInput>,
): Promise<RoutingView> {
  await withNetwork(platform.database, networkId, async (tx) => {
    const members = new Set(
      (await tx.select({ id: networkMember.tenantId }).from(networkMember)).map((m) => m.id),
    );
    const strangers = input.rules
      .map((rule, index) => ({ index, tenantId: rule.targetTenantId }))
      .filter((r) => !members.has(r.tenantId));
    if (strangers.length > 0 || (input.fallbackTenantId && !members.has(input.fallbackTenantId)))
      throw badRequest('not_a_member', 'Leads können nur an Büros des Netzwerks gehen.', {
        rules: strangers.map((s) => s.index),
        fallback: input.fallbackTenantId && !members.has(input.fallbackTenantId),
      });
    await tx.delete(networkLeadRule).where(eq(networkLeadRule.networkId, networkId));
    if (input.rules.length > 0)
      await tx
        .insert(networkLeadRule)
        .values(input.rules.map((rule, index) => ({ ...rule, networkId, position: index + 1 })));
    await tx
      .update(brokerNetwork)
      .set({ fallbackTenantId: input.fallbackTenantId })
      .where(eq(brokerNetwork.id, networkId));
  });
  return readRouting(platform, networkId);
}
