import { and, asc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import { activity, exposeAccess, viewing } from '../../crm/schema.js';
import { INQUIRY_SOURCE_LABELS, type InquirySource, inquirySourceOf } from '../../crm/server/lead-intake.js';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { facts, priceLine } from '../../crm/server/public-listing-html.js';
import { portalAccount, portalListing } from '../../portals/schema.js';
import { propertyViewingStats } from '../../viewings/server/property-stats.js';
import { agentOf, officeInfo, propertyAddress } from '../../viewings/server/viewing-context.js';

const STATUS_LABELS: Record<string, string> = {
  entwurf: 'Entwurf (noch nicht veröffentlicht)',
  aktiv: 'Aktiv am Markt',
  reserviert: 'Reserviert',
  verkauft: 'Verkauft',
  vermietet: 'Vermietet',
  archiviert: 'Archiviert',
};

const PORTAL_STATE_LABELS: Record<string, string> = {
  wartet: 'Wird übertragen',
  gesendet: 'Übertragen, wartet auf Freischaltung',
  online: 'Online',
  fehler: 'Vom Portal abgelehnt',
  entfernt: 'Offline genommen',
};

/** Weeks of the viewing series printed in the report: the last two months. */
const SERIES_WEEKS = 8;
/** Visitors' own words on what was missing, at most this many (the most recent last). */
const MAX_NOTES = 8;

export interface ChannelCount {
  channel: string;
  period: number;
  total: number;
}

export interface OwnerReportData {
  office: Awaited<ReturnType<typeof officeInfo>>;
  agent: { name: string; email: string } | null;
  property: {
    title: string;
    externalId: string;
    address: string;
    status: string;
    price: string;
    facts: [string, string][];
    marketedSince: Date | null;
  };
  period: { from: Date; to: Date };
  inquiries: { period: number; total: number; byChannel: ChannelCount[] };
  exposes: { period: number; total: number; views: number };
  portals: {
    name: string;
    state: string;
    onlineSince: Date | null;
    url: string | null;
    error: string | null;
  }[];
  /** Null when the office has no viewings module: the report then leaves the section out. */
  viewings: {
    inPeriod: number;
    total: number;
    held: number;
    visitors: number;
    checkIns: number;
    noShows: number;
    feedbacks: number;
    averageInterest: number | null;
    wantsOffer: number;
    wantsSecondViewing: number;
    priceOpinions: { zu_hoch: number; angemessen: number; guenstig: number };
    weeks: { week: string; viewings: number; checkIns: number }[];
    missingNotes: string[];
  } | null;
  assessment: string;
  /** Observations the figures support on their own, in the broker's voice. */
  hints: string[];
}

async function inquiryCounts(tx: Tx, propertyId: string, from: Date, to: Date) {
  const rows = await tx
    .select({ subject: activity.subject, occurredAt: activity.occurredAt })
    .from(activity)
    .where(
      and(eq(activity.propertyId, propertyId), eq(activity.kind, 'anfrage'), lt(activity.occurredAt, to)),
    );
  const channels = new Map<string, ChannelCount>();
  let period = 0;
  for (const r of rows) {
    const source: InquirySource | null = inquirySourceOf(r.subject);
    const channel = source ? INQUIRY_SOURCE_LABELS[source] : 'Sonstige';
    const entry = channels.get(channel) ?? { channel, period: 0, total: 0 };
    entry.total++;
    if (r.occurredAt >= from) {
      entry.period++;
      period++;
    }
    channels.set(channel, entry);
  }
  return {
    period,
    total: rows.length,
    byChannel: [...channels.values()].sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel)),
  };
}

async function exposeCounts(tx: Tx, propertyId: string, from: Date, to: Date) {
  const [row] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      period: sql<number>`count(*) filter (where ${exposeAccess.acknowledgedAt} >= ${from})::int`,
      views: sql<number>`coalesce(sum(${exposeAccess.viewCount}), 0)::int`,
    })
    .from(exposeAccess)
    .where(
      and(
        eq(exposeAccess.propertyId, propertyId),
        isNotNull(exposeAccess.acknowledgedAt),
        lt(exposeAccess.acknowledgedAt, to),
      ),
    );
  return { period: row?.period ?? 0, total: row?.total ?? 0, views: row?.views ?? 0 };
}

async function portalRows(tx: Tx, propertyId: string) {
  const rows = await tx
    .select({ l: portalListing, name: portalAccount.portalName })
    .from(portalListing)
    .innerJoin(portalAccount, eq(portalAccount.id, portalListing.accountId))
    .where(eq(portalListing.propertyId, propertyId))
    .orderBy(asc(portalAccount.portalName));
  return rows.map(({ l, name }) => ({
    name,
    state: PORTAL_STATE_LABELS[l.state] ?? l.state,
    onlineSince: l.state === 'online' ? l.onlineAt : null,
    url: l.state === 'online' ? l.url : null,
    error: l.state === 'fehler' ? l.lastError : null,
  }));
}

/** The eight calendar weeks up to the period's end, quiet weeks included, so the bars read as a timeline. */
function lastWeeks(weeks: { week: string; viewings: number; checkIns: number }[], to: Date) {
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  const last = DateTime.fromJSDate(new Date(to.getTime() - 1), { zone: 'Europe/Berlin' }).startOf('week');
  return Array.from({ length: SERIES_WEEKS }, (_, i) => {
    const week = last.minus({ weeks: SERIES_WEEKS - 1 - i }).toISODate() ?? '';
    const found = byWeek.get(week);
    return { week, viewings: found?.viewings ?? 0, checkIns: found?.checkIns ?? 0 };
  });
}

async function viewingFigures(tx: Tx, propertyId: string, from: Date, to: Date) {
  const stats = await propertyViewingStats(tx, propertyId);
  const [inPeriod] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(viewing)
    .where(and(eq(viewing.propertyId, propertyId), gte(viewing.startsAt, from), lt(viewing.startsAt, to)));
  return {
    inPeriod: inPeriod?.n ?? 0,
    total: stats.viewings,
    held: stats.held,
    visitors: stats.visitors,
    checkIns: stats.checkIns,
    noShows: stats.noShows,
    feedbacks: stats.feedbacks,
    averageInterest: stats.averageInterest,
    wantsOffer: stats.wantsOffer,
    wantsSecondViewing: stats.wantsSecondViewing,
    priceOpinions: stats.priceOpinions,
    weeks: lastWeeks(stats.weeks, to),
    missingNotes: stats.missingNotes.slice(-MAX_NOTES),
  };
}

/** What the figures say without the broker's help; the broker's own assessment comes separately. */
export function hintsFor(data: Pick<OwnerReportData, 'viewings' | 'inquiries' | 'portals'>): string[] {
  const hints: string[] = [];
  const v = data.viewings;
  if (v) {
    const opinions = v.priceOpinions.zu_hoch + v.priceOpinions.angemessen + v.priceOpinions.guenstig;
    if (opinions >= 3 && v.priceOpinions.zu_hoch * 2 > opinions)
      hints.push(
        `${v.priceOpinions.zu_hoch} von ${opinions} Besuchern halten den Preis für zu hoch – eine Preisanpassung sollte besprochen werden.`,
      );
    if (v.visitors >= 4 && v.noShows * 4 >= v.visitors)
      hints.push(`${v.noShows} von ${v.visitors} angemeldeten Besuchern sind nicht erschienen.`);
  }
  if (data.inquiries.total === 0 && data.portals.some((p) => p.onlineSince))
    hints.push('Trotz Portal-Veröffentlichung ist noch keine Anfrage eingegangen.');
  return hints;
}

export async function loadOwnerReportData(
  platform: Platform,
  tenantId: string,
  p: PropertyRow,
  input: { from: Date; to: Date; assessment: string },
): Promise<OwnerReportData> {
  const hasViewings = platform.modules.enabled.some((m) => m.id === 'viewings');
  const hasPortals = platform.modules.enabled.some((m) => m.id === 'portals');
  const { from, to } = input;
  const figures = await platform.database.withTenant(tenantId, async (tx) => ({
    inquiries: await inquiryCounts(tx, p.id, from, to),
    exposes: await exposeCounts(tx, p.id, from, to),
    portals: hasPortals ? await portalRows(tx, p.id) : [],
    viewings: hasViewings ? await viewingFigures(tx, p.id, from, to) : null,
  }));
  // Platform tables (office settings, users) are read outside the tenant's transaction.
  const office = await officeInfo(platform, tenantId);
  const agent = await agentOf(platform, p.assignedAgentId);
  return {
    office,
    agent,
    property: {
      title: p.title,
      externalId: p.externalId,
      address: propertyAddress(p),
      status: STATUS_LABELS[p.status] ?? p.status,
      price: priceLine(p),
      facts: facts(p).slice(0, 6),
      marketedSince: p.publishedAt,
    },
    period: { from, to },
    ...figures,
    assessment: input.assessment.trim(),
    hints: hintsFor(figures),
  };
}
