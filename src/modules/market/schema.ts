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
