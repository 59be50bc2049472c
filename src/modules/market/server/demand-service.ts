import { and, count, eq, gte, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { Tx } from '../../../platform/db/database.js';
import { activity, property, searchRequest, viewing } from '../../crm/schema.js';
import type { DemandQuery, DemandView } from '../contract.js';
import { aggregateDemand } from '../domain/demand.js';
import { BODENSEE_POSTAL_POINTS, POSTAL_POINTS_ATTRIBUTION } from '../domain/postal-points-bodensee.js';
import { marketRecord } from '../schema.js';

const toMap = (rows: { postalCode: string; n: number }[]) =>
  new Map(rows.map((r) => [r.postalCode, Number(r.n)]));

/** Price band on a cents column; the query speaks euros. */
function band(column: AnyPgColumn, q: DemandQuery): SQL[] {
  const where: SQL[] = [];
  if (q.priceMin !== undefined) where.push(gte(column, q.priceMin * 100));
  if (q.priceMax !== undefined) where.push(lte(column, q.priceMax * 100));
  return where;
}

/**
 * Where buyers or tenants look and where offers are, per postal code: active search requests,
 * inquiries and viewings of the office's listings, asking prices in the market store.
 */
export async function demandMap(tx: Tx, q: DemandQuery, tiles: DemandView['tiles']): Promise<DemandView> {
  const since = DateTime.now().minus({ days: q.days }).startOf('day');
  const listingPrice = q.marketingType === 'kauf' ? property.purchasePriceCents : property.coldRentCents;
  const listing: SQL[] = [eq(property.marketingType, q.marketingType), ...band(listingPrice, q)];
  if (q.objectType) listing.push(eq(property.objectType, q.objectType));

  const searchWhere: SQL[] = [
    eq(searchRequest.active, true),
    eq(searchRequest.marketingType, q.marketingType),
  ];
  if (q.objectType)
    searchWhere.push(
      sql`(jsonb_array_length(${searchRequest.objectTypes}) = 0 or ${searchRequest.objectTypes} ? ${q.objectType})`,
    );
  // A request whose ceiling is below the band does not look here; one without a ceiling may.
  if (q.priceMin !== undefined)
    searchWhere.push(
      or(isNull(searchRequest.maxPriceCents), gte(searchRequest.maxPriceCents, q.priceMin * 100))!,
    );

  const supplyWhere: SQL[] = [
    eq(marketRecord.priceKind, 'angebot'),
    eq(marketRecord.marketingType, q.marketingType),
    gte(marketRecord.observedOn, since.toISODate()!),
    ...band(marketRecord.priceCents, q),
  ];
  if (q.objectType) supplyWhere.push(eq(marketRecord.objectType, q.objectType));

  const [searches, inquiries, viewings, supply] = await Promise.all([
    tx
      .select({ cities: searchRequest.cities })
      .from(searchRequest)
      .where(and(...searchWhere)),
    tx
      .select({ postalCode: property.postalCode, n: count() })
      .from(activity)
      .innerJoin(property, eq(property.id, activity.propertyId))
      .where(and(eq(activity.kind, 'anfrage'), gte(activity.occurredAt, since.toJSDate()), ...listing))
      .groupBy(property.postalCode),
    tx
      .select({ postalCode: property.postalCode, n: count() })
      .from(viewing)
      .innerJoin(property, eq(property.id, viewing.propertyId))
      .where(and(ne(viewing.status, 'abgesagt'), gte(viewing.startsAt, since.toJSDate()), ...listing))
      .groupBy(property.postalCode),
    tx
      .select({ postalCode: marketRecord.postalCode, n: count() })
      .from(marketRecord)
      .where(and(...supplyWhere))
      .groupBy(marketRecord.postalCode),
  ]);
  const map = aggregateDemand(
    {
      searchTowns: searches.map((s) => s.cities),
      inquiriesByPostalCode: toMap(inquiries),
      viewingsByPostalCode: toMap(viewings),
      supplyByPostalCode: toMap(supply),
    },
    BODENSEE_POSTAL_POINTS,
  );
  const sum = (field: 'searches' | 'inquiries' | 'viewings' | 'supply') =>
    Math.round(map.areas.reduce((s, a) => s + a[field], 0) * 100) / 100;
  return {
    areas: map.areas,
    totals: {
      searches: sum('searches'),
      inquiries: sum('inquiries'),
      viewings: sum('viewings'),
      supply: sum('supply'),
    },
    unplaced: map.unplaced,
    since: since.toISODate()!,
    tiles,
    sources: [{ ...POSTAL_POINTS_ATTRIBUTION, demo: false }],
  };
}
