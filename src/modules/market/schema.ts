import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { property } from '../crm/schema.js';
import type { AnalysisInput, AnalysisResult } from './contract.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });

/**
 * Where a set of market prices came from and under which licence, shown under every chart
 * and table that uses it. The office's own listings form one dataset of kind "eigen".
 */
export const marketDataset = pgTable(
  'market_dataset',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    /** eigen | import | wettbewerb | demo */
    kind: text().notNull(),
    source: text().notNull(),
    licence: text().notNull(),
    licenceUrl: text(),
    rowCount: integer().notNull().default(0),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('market_dataset_tenant').on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);

/** One observed price: an asking price or a sale, with the traits comparables are judged by. */
export const marketRecord = pgTable(
  'market_record',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    datasetId: uuid()
      .notNull()
      .references(() => marketDataset.id, { onDelete: 'cascade' }),
    /** Set for the office's own listings, kept in step with the CRM. */
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    externalRef: text(),
    /** angebot | verkauf */
    priceKind: text().notNull(),
    marketingType: text().notNull(),
    objectType: text().notNull(),
    postalCode: text().notNull(),
    city: text().notNull(),
    district: text(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    livingArea: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull(),
    rooms: numeric({ precision: 4, scale: 1, mode: 'number' }),
    yearBuilt: integer(),
    condition: text(),
    floor: integer(),
    lakeView: boolean().notNull().default(false),
    shoreDistanceM: integer(),
    priceCents: bigint({ mode: 'number' }).notNull(),
    observedOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Moves on every change, so a cached price model knows when it is stale. */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Comparables filter by marketing and object type and a time window, then a bounding box.
    index('market_record_search').on(t.tenantId, t.marketingType, t.objectType, t.observedOn),
    index('market_record_geo').on(t.tenantId, t.marketingType, t.latitude, t.longitude),
    // Trends ask per town: its list of towns and one town's prices come from this index alone.
    index('market_record_town').on(t.tenantId, t.marketingType, t.objectType, t.city),
    index('market_record_dataset').on(t.datasetId),
    uniqueIndex('market_record_property').on(t.propertyId).where(sql`${t.propertyId} is not null`),
    tenantIsolationPolicy(),
  ],
);

/** A saved market analysis of one property: its inputs and what came out, for the report and the exposé. */
export const marketAnalysis = pgTable(
  'market_analysis',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    input: jsonb().$type<AnalysisInput>().notNull(),
    result: jsonb().$type<AnalysisResult>().notNull(),
    /** Shown as the "Marktanalyse" page of the property's exposé. */
    inExpose: boolean().notNull().default(false),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('market_analysis_property').on(t.propertyId), tenantIsolationPolicy()],
);

/**
 * A competitor's listing followed from snapshot to snapshot of its feed (the competitor is a
 * dataset of kind "wettbewerb"): when it appeared, its price now and first, when it went away.
 */
export const competitorListing = pgTable(
  'market_competitor_listing',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    datasetId: uuid()
      .notNull()
      .references(() => marketDataset.id, { onDelete: 'cascade' }),
    externalRef: text().notNull(),
    /** The listing's asking price in the market store, kept current with each snapshot. */
    recordId: uuid()
      .notNull()
      .references(() => marketRecord.id, { onDelete: 'cascade' }),
    firstPriceCents: bigint({ mode: 'number' }).notNull(),
    priceCents: bigint({ mode: 'number' }).notNull(),
    firstSeenOn: date().notNull(),
    lastSeenOn: date().notNull(),
    /** The first snapshot that no longer listed it; null while it is offered. */
    withdrawnOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('market_competitor_listing_ref').on(t.datasetId, t.externalRef),
    index('market_competitor_listing_tenant').on(t.tenantId, t.withdrawnOn),
    tenantIsolationPolicy(),
  ],
);

/** What changed in a competitor's feed: neu, preis, zurueckgezogen, wieder (listed again). */
export const competitorEvent = pgTable(
  'market_competitor_event',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    listingId: uuid()
      .notNull()
      .references(() => competitorListing.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    occurredOn: date().notNull(),
    oldPriceCents: bigint({ mode: 'number' }),
    newPriceCents: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('market_competitor_event_tenant').on(t.tenantId, t.occurredOn),
    index('market_competitor_event_listing').on(t.listingId),
    tenantIsolationPolicy(),
  ],
);
