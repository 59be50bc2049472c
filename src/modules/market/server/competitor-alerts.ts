import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import { formatCents } from '../../../platform/format/format-de.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { distanceKm } from '../domain/observation.js';
import { competitorListing, marketDataset, marketRecord } from '../schema.js';

/** Close enough to compete for the same buyers: same kind of object nearby, of similar size. */
export const ALERT_RADIUS_KM = 3;
const AREA_TOLERANCE = 0.25;

/**
 * Tells the agent of each of the office's offered listings about new competing listings close to
 * it (or the owners and admins, where no agent is assigned). Returns the notifications sent.
 */
export async function alertNewCompetitors(
  platform: Platform,
  tenantId: string,
  listingIds: string[],
): Promise<number> {
  if (listingIds.length === 0) return 0;
  const { fresh, own, leaders } = await platform.database.withTenant(tenantId, async (tx) => ({
    fresh: await tx
      .select({
        id: competitorListing.id,
        competitor: marketDataset.name,
        record: marketRecord,
      })
      .from(competitorListing)
      .innerJoin(marketRecord, eq(marketRecord.id, competitorListing.recordId))
      .innerJoin(marketDataset, eq(marketDataset.id, competitorListing.datasetId))
      .where(inArray(competitorListing.id, listingIds)),
    own: await tx
      .select({
        id: property.id,
        title: property.title,
        marketingType: property.marketingType,
        objectType: property.objectType,
        livingArea: property.livingArea,
        latitude: property.latitude,
        longitude: property.longitude,
        agentId: property.assignedAgentId,
      })
      .from(property)
      .where(
        and(
          inArray(property.status, ['aktiv', 'reserviert']),
          isNotNull(property.latitude),
          isNotNull(property.livingArea),
        ),
      ),
    leaders: await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(inArray(tenantMember.role, ['owner', 'admin'])),
  }));
  let sent = 0;
  for (const p of own) {
    const near = fresh.filter(
      ({ record: r }) =>
        r.marketingType === p.marketingType &&
        r.objectType === p.objectType &&
        r.latitude !== null &&
        r.longitude !== null &&
        distanceKm(p.latitude!, p.longitude!, r.latitude, r.longitude) <= ALERT_RADIUS_KM &&
        Math.abs(r.livingArea - p.livingArea!) <= p.livingArea! * AREA_TOLERANCE,
    );
    for (const { id, competitor, record } of near) {
      const km = distanceKm(p.latitude!, p.longitude!, record.latitude!, record.longitude!);
      const notified = await platform.notifications.notify({
        tenantId,
        userIds: p.agentId ? [p.agentId] : leaders.map((l) => l.userId),
        kind: 'competitor_listing',
        title: `Neues Konkurrenzangebot nahe „${p.title}“`,
        body: `${competitor}: ${record.livingArea.toLocaleString('de-DE')} m² in ${record.city} für ${formatCents(record.priceCents, 'de', { whole: true })}, ${km.toLocaleString('de-DE', { maximumFractionDigits: 1 })} km entfernt.`,
        link: `/marktanalyse/wettbewerb?objekt=${p.id}`,
        // About the competitor's listing, not about the upload: the uploader is told too.
        actorId: null,
        dedupeKey: `competitor:${id}:${p.id}`,
      });
      sent += notified.length;
    }
  }
  return sent;
}
