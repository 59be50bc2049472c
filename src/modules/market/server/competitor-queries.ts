import { and, count, desc, eq, inArray, isNotNull, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { AppError, notFound } from '../../../platform/http/app-error.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { property } from '../../crm/schema.js';
import type {
  CompetitorEventView,
  CompetitorListingView,
  CompetitorOverview,
  PricePositionView,
} from '../contract.js';
import { daysOnMarket, pricePercentile } from '../domain/competitor-diff.js';
import { distanceKm } from '../domain/observation.js';
import { competitorEvent, competitorListing, marketDataset, marketRecord } from '../schema.js';
import { datasetViewOf } from './dataset-view.js';

const LISTING_LIMIT = 500;
const EVENT_LIMIT = 100;
export const POSITION_RADIUS_KM = 5;

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

/** The competitors, their listings (active, withdrawn or all) and the latest changes. */
export async function competitorOverview(
  tx: Tx,
  filter: { datasetId?: string; status: 'aktiv' | 'zurueckgezogen' | 'alle' },
): Promise<CompetitorOverview> {
  const today = todayInBerlin();
  const datasets = await tx
    .select()
    .from(marketDataset)
    .where(eq(marketDataset.kind, 'wettbewerb'))
    .orderBy(marketDataset.name);
  const counts = await tx
    .select({
      datasetId: competitorListing.datasetId,
      active: sql<number>`count(*) filter (where ${competitorListing.withdrawnOn} is null)::int`,
      withdrawn: sql<number>`count(*) filter (where ${competitorListing.withdrawnOn} is not null)::int`,
      last: max(competitorListing.lastSeenOn),
    })
    .from(competitorListing)
    .groupBy(competitorListing.datasetId);
  const byDataset = new Map(counts.map((c) => [c.datasetId, c]));

  const where: SQL[] = [];
  if (filter.datasetId) where.push(eq(competitorListing.datasetId, filter.datasetId));
  if (filter.status === 'aktiv') where.push(isNull(competitorListing.withdrawnOn));
  if (filter.status === 'zurueckgezogen') where.push(isNotNull(competitorListing.withdrawnOn));
  const rows = await tx
    .select({ listing: competitorListing, record: marketRecord, competitor: marketDataset.name })
    .from(competitorListing)
    .innerJoin(marketRecord, eq(marketRecord.id, competitorListing.recordId))
    .innerJoin(marketDataset, eq(marketDataset.id, competitorListing.datasetId))
    .where(and(...where))
    .orderBy(desc(competitorListing.firstSeenOn), competitorListing.externalRef)
    .limit(LISTING_LIMIT);
  const changes = rows.length
    ? await tx
        .select({ listingId: competitorEvent.listingId, n: count() })
        .from(competitorEvent)
        .where(
          and(
            eq(competitorEvent.kind, 'preis'),
            inArray(
              competitorEvent.listingId,
              rows.map((r) => r.listing.id),
            ),
          ),
        )
        .groupBy(competitorEvent.listingId)
    : [];
  const changesOf = new Map(changes.map((c) => [c.listingId, c.n]));
  const listings: CompetitorListingView[] = rows.map(({ listing: l, record: r, competitor }) => ({
    id: l.id,
    competitor,
    externalRef: l.externalRef,
    marketingType: r.marketingType as 'kauf' | 'miete',
    objectType: r.objectType,
    city: r.city,
    postalCode: r.postalCode,
    livingArea: r.livingArea,
    rooms: r.rooms,
    priceCents: l.priceCents,
    firstPriceCents: l.firstPriceCents,
    pricePerSqmCents: Math.round(l.priceCents / r.livingArea),
    firstSeenOn: l.firstSeenOn,
    lastSeenOn: l.lastSeenOn,
    withdrawnOn: l.withdrawnOn,
    daysOnMarket: daysOnMarket(l.firstSeenOn, l.withdrawnOn ?? today),
    priceChanges: changesOf.get(l.id) ?? 0,
  }));

  const eventRows = await tx
    .select({
      event: competitorEvent,
      listing: competitorListing,
      record: marketRecord,
      competitor: marketDataset.name,
    })
    .from(competitorEvent)
    .innerJoin(competitorListing, eq(competitorListing.id, competitorEvent.listingId))
    .innerJoin(marketRecord, eq(marketRecord.id, competitorListing.recordId))
    .innerJoin(marketDataset, eq(marketDataset.id, competitorListing.datasetId))
    .where(filter.datasetId ? eq(competitorListing.datasetId, filter.datasetId) : undefined)
    .orderBy(desc(competitorEvent.occurredOn), desc(competitorEvent.createdAt))
    .limit(EVENT_LIMIT);
  const events: CompetitorEventView[] = eventRows.map(({ event: e, listing: l, record: r, competitor }) => ({
    id: e.id,
    kind: e.kind as CompetitorEventView['kind'],
    occurredOn: e.occurredOn,
    oldPriceCents: e.oldPriceCents,
    newPriceCents: e.newPriceCents,
    competitor,
    externalRef: l.externalRef,
    city: r.city,
    objectType: r.objectType,
    livingArea: r.livingArea,
    daysOnMarket: daysOnMarket(l.firstSeenOn, e.occurredOn),
  }));
  return {
    competitors: datasets.map((d) => ({
      dataset: datasetViewOf(d),
      active: byDataset.get(d.id)?.active ?? 0,
      withdrawn: byDataset.get(d.id)?.withdrawn ?? 0,
      lastSnapshotOn: byDataset.get(d.id)?.last ?? null,
    })),
    listings,
    events,
  };
}

/** The own listing's price per m² among the competitors' active offers of its kind nearby. */
export async function pricePosition(tx: Tx, propertyId: string): Promise<PricePositionView> {
  const [p] = await tx.select().from(property).where(eq(property.id, propertyId)).limit(1);
  if (!p) throw notFound('Objekt');
  const price = p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents;
  if (!price || !p.livingArea)
    throw new AppError(
      422,
      'position_needs_price',
      'Für die Preisposition braucht das Objekt einen Preis und eine Wohnfläche.',
    );
  const today = todayInBerlin();
  const rows = await tx
    .select({ listing: competitorListing, record: marketRecord, competitor: marketDataset.name })
    .from(competitorListing)
    .innerJoin(marketRecord, eq(marketRecord.id, competitorListing.recordId))
    .innerJoin(marketDataset, eq(marketDataset.id, competitorListing.datasetId))
    .where(
      and(
        isNull(competitorListing.withdrawnOn),
        eq(marketRecord.marketingType, p.marketingType),
        eq(marketRecord.objectType, p.objectType),
      ),
    );
  const competitors = rows
    .map(({ listing: l, record: r, competitor }) => {
      const km =
        p.latitude !== null && p.longitude !== null && r.latitude !== null && r.longitude !== null
          ? distanceKm(p.latitude, p.longitude, r.latitude, r.longitude)
          : null;
      return {
        externalRef: l.externalRef,
        competitor,
        city: r.city,
        livingArea: r.livingArea,
        pricePerSqmCents: Math.round(l.priceCents / r.livingArea),
        distanceKm: km === null ? null : Math.round(km * 10) / 10,
        daysOnMarket: daysOnMarket(l.firstSeenOn, today),
        sameTown: r.city === p.city,
      };
    })
    // Without coordinates on either side, the town decides what is "nearby".
    .filter((c) => (c.distanceKm === null ? c.sameTown : c.distanceKm <= POSITION_RADIUS_KM))
    .map(({ sameTown: _s, ...c }) => c)
    .sort((a, b) => a.pricePerSqmCents - b.pricePerSqmCents);
  const own = Math.round(price / p.livingArea);
  const values = competitors.map((c) => c.pricePerSqmCents);
  return {
    own: { priceCents: price, livingArea: p.livingArea, pricePerSqmCents: own },
    radiusKm: POSITION_RADIUS_KM,
    competitors,
    percentile: pricePercentile(own, values),
    medianPerSqmCents: median(values),
  };
}
