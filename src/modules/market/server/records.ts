import { and, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { ComparablesQuery } from '../contract.js';
import { distanceKm, insidePolygon, type Observation } from '../domain/observation.js';
import { marketDataset, marketRecord } from '../schema.js';

/**
 * How many prices are scored in full. Beyond this the database keeps those nearest in size and
 * date (the traits that move a price most within an area); the 30 shown come from these.
 */
export const MAX_CANDIDATES = 1_000;

export const observationColumns = {
  id: marketRecord.id,
  priceKind: marketRecord.priceKind,
  marketingType: marketRecord.marketingType,
  objectType: marketRecord.objectType,
  city: marketRecord.city,
  postalCode: marketRecord.postalCode,
  latitude: marketRecord.latitude,
  longitude: marketRecord.longitude,
  livingArea: marketRecord.livingArea,
  rooms: marketRecord.rooms,
  yearBuilt: marketRecord.yearBuilt,
  condition: marketRecord.condition,
  floor: marketRecord.floor,
  lakeView: marketRecord.lakeView,
  shoreDistanceM: marketRecord.shoreDistanceM,
  priceCents: marketRecord.priceCents,
  observedOn: marketRecord.observedOn,
};

type ObservationRow = { [K in keyof typeof observationColumns]: unknown } & {
  priceKind: string;
  marketingType: string;
};

/** Postgres "numeric" and "date" arrive as strings on some drivers; the domain wants numbers. */
export function toObservation(row: ObservationRow): Observation {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(row.id),
    priceKind: row.priceKind as Observation['priceKind'],
    marketingType: row.marketingType as Observation['marketingType'],
    objectType: String(row.objectType),
    city: String(row.city),
    postalCode: String(row.postalCode),
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    livingArea: Number(row.livingArea),
    rooms: num(row.rooms),
    yearBuilt: num(row.yearBuilt),
    condition: (row.condition as string | null) ?? null,
    floor: num(row.floor),
    lakeView: Boolean(row.lakeView),
    shoreDistanceM: num(row.shoreDistanceM),
    priceCents: Number(row.priceCents),
    observedOn: String(row.observedOn).slice(0, 10),
  };
}

export interface Candidate extends Observation {
  datasetId: string;
  datasetName: string;
  own: boolean;
}

/** Degrees of latitude and longitude spanned by `km` around a latitude, for an index-friendly box. */
function boundingBox(lat: number, lon: number, km: number) {
  const dLat = km / 111.2;
  const dLon = km / (111.32 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/**
 * The prices that may serve as comparables: same marketing and object type, the filters of the
 * query, then the area — a drawn polygon, or a radius around the subject. Prices without
 * coordinates count when they are in the subject's town, so imported transaction lists that
 * carry only a postal code still help.
 */
export async function loadCandidates(tx: Tx, q: ComparablesQuery): Promise<Candidate[]> {
  const s = q.subject;
  const where: (SQL | undefined)[] = [
    eq(marketRecord.marketingType, s.marketingType),
    eq(marketRecord.objectType, s.objectType),
    inArray(marketRecord.priceKind, q.priceKinds),
    lte(marketRecord.observedOn, s.valuationDate),
  ];
  if (q.since) where.push(gte(marketRecord.observedOn, q.since));
  if (q.livingAreaMin !== null) where.push(gte(marketRecord.livingArea, q.livingAreaMin));
  if (q.livingAreaMax !== null) where.push(lte(marketRecord.livingArea, q.livingAreaMax));
  if (q.roomsMin !== null) where.push(gte(marketRecord.rooms, q.roomsMin));
  if (q.roomsMax !== null) where.push(lte(marketRecord.rooms, q.roomsMax));
  if (q.yearBuiltMin !== null) where.push(gte(marketRecord.yearBuilt, q.yearBuiltMin));
  if (q.yearBuiltMax !== null) where.push(lte(marketRecord.yearBuilt, q.yearBuiltMax));
  if (q.conditions.length) where.push(inArray(marketRecord.condition, q.conditions));
  if (q.excludePropertyId)
    where.push(or(isNull(marketRecord.propertyId), ne(marketRecord.propertyId, q.excludePropertyId)));

  const sameTown = or(eq(marketRecord.city, s.city), eq(marketRecord.postalCode, s.postalCode));
  let box: ReturnType<typeof boundingBox> | null = null;
  if (q.polygon) {
    const lons = q.polygon.map(([lon]) => lon);
    const lats = q.polygon.map(([, lat]) => lat);
    box = {
      minLat: Math.min(...lats),
      maxLat: Math.max(...lats),
      minLon: Math.min(...lons),
      maxLon: Math.max(...lons),
    };
  } else if (q.radiusKm !== null && s.latitude !== null && s.longitude !== null) {
    box = boundingBox(s.latitude, s.longitude, q.radiusKm);
  }
  if (box) {
    const inBox = and(
      gte(marketRecord.latitude, box.minLat),
      lte(marketRecord.latitude, box.maxLat),
      gte(marketRecord.longitude, box.minLon),
      lte(marketRecord.longitude, box.maxLon),
    );
    where.push(q.polygon ? inBox : or(inBox, and(isNull(marketRecord.latitude), sameTown)));
  } else if (q.radiusKm !== null) {
    // No coordinates for the subject: its town stands in for the radius.
    where.push(sameTown);
  }

  const rows = await tx
    .select({
      ...observationColumns,
      datasetId: marketRecord.datasetId,
      datasetName: marketDataset.name,
      own: sql<boolean>`${marketRecord.propertyId} is not null`,
    })
    .from(marketRecord)
    .innerJoin(marketDataset, eq(marketDataset.id, marketRecord.datasetId))
    .where(and(...where))
    .orderBy(
      sql`abs(${marketRecord.livingArea}::float8 - ${s.livingArea}) / ${s.livingArea} + abs(${marketRecord.observedOn} - ${s.valuationDate}::date) / 1826.0`,
      marketRecord.id,
    )
    .limit(MAX_CANDIDATES);

  const polygon = q.polygon;
  return rows
    .map((r) => ({
      ...toObservation(r),
      datasetId: r.datasetId,
      datasetName: r.datasetName,
      own: Boolean(r.own),
    }))
    .filter((o) => {
      if (o.latitude === null || o.longitude === null) return !polygon;
      if (polygon) return insidePolygon(o.longitude, o.latitude, polygon);
      if (q.radiusKm === null || s.latitude === null || s.longitude === null) return true;
      return distanceKm(s.latitude, s.longitude, o.latitude, o.longitude) <= q.radiusKm;
    });
}
