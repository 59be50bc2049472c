import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';

/** PostgreSQL full-text vector (German configuration), generated from the row's text. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const cents = () => bigint({ mode: 'number' });

export const property = pgTable(
  'crm_property',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    slug: text().notNull().unique(),
    externalId: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    locationDescription: text().notNull().default(''),
    equipmentDescription: text().notNull().default(''),
    marketingType: text().notNull(),
    objectType: text().notNull(),
    objectSubtype: text(),
    status: text().notNull().default('entwurf'),
    street: text(),
    houseNumber: text(),
    postalCode: text().notNull(),
    city: text().notNull(),
    district: text(),
    federalState: text(),
    country: text().notNull().default('DEU'),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    showAddress: boolean().notNull().default(false),
    livingArea: numeric({ precision: 10, scale: 2, mode: 'number' }),
    usableArea: numeric({ precision: 10, scale: 2, mode: 'number' }),
    plotArea: numeric({ precision: 12, scale: 2, mode: 'number' }),
    rooms: numeric({ precision: 4, scale: 1, mode: 'number' }),
    bedrooms: integer(),
    bathrooms: integer(),
    floor: integer(),
    totalFloors: integer(),
    yearBuilt: integer(),
    condition: text(),
    features: jsonb().$type<string[]>().notNull().default([]),
    purchasePriceCents: cents(),
    coldRentCents: cents(),
    warmRentCents: cents(),
    additionalCostsCents: cents(),
    hausgeldCents: cents(),
    depositText: text(),
    commissionText: text(),
    energyCertificateType: text(),
    energyValue: numeric({ precision: 7, scale: 1, mode: 'number' }),
    energyCarrier: text(),
    energyYearBuilt: integer(),
    energyClass: text(),
    energyIssuedAt: date(),
    energyValidUntil: date(),
    energyIncludesHotWater: boolean(),
    internalNotes: text().notNull().default(''),
    assignedAgentId: text(),
    isDemo: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('german', coalesce(title, '') || ' ' || coalesce(external_id, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(city, '') || ' ' || coalesce(district, '') || ' ' || coalesce(postal_code, '') || ' ' || coalesce(street, '')), 'B') ||
        setweight(to_tsvector('german', coalesce(description, '') || ' ' || coalesce(location_description, '') || ' ' || coalesce(equipment_description, '')), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('crm_property_tenant_external_id').on(t.tenantId, t.externalId),
    index('crm_property_tenant_status_created').on(t.tenantId, t.status, t.createdAt),
    // The default order (newest first; NULLS FIRST is what ORDER BY … DESC means) across all statuses: a search walks it and stops after one
    // page of matches instead of sorting every match (issue 19: 110 ms → 12 ms on 10,000 listings).
    index('crm_property_tenant_created').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('crm_property_tenant_updated').on(
      t.tenantId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Covers the list filters and the price sort, so filtered pages and their totals are index-only.
    index('crm_property_list').on(
      t.tenantId,
      t.status,
      t.marketingType,
      t.objectType,
      sql`coalesce(${t.purchasePriceCents}, ${t.coldRentCents})`,
      t.rooms,
      t.livingArea,
      t.id,
    ),
    index('crm_property_tenant_city').on(t.tenantId, t.city),
    index('crm_property_search').using('gin', t.searchVector),
    tenantIsolationPolicy(),
  ],
);

export const propertyMedia = pgTable(
  'crm_property_media',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    position: integer().notNull().default(0),
    isTitle: boolean().notNull().default(false),
    altText: text().notNull().default(''),
    originalKey: text().notNull(),
    webKey: text().notNull(),
    thumbKey: text().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('crm_property_media_property').on(t.propertyId, t.position),
    // A list row's title image and photo count come straight off this index, without a sort per
    // row (issue 19: the per-row sort was most of a list page's database time in PGlite).
    index('crm_property_media_photo_order')
      .on(t.propertyId, t.isTitle.desc().nullsFirst(), t.position)
      .where(sql`${t.kind} = 'photo'`),
    tenantIsolationPolicy(),
  ],
);

export const contact = pgTable(
  'crm_contact',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    kind: text().notNull().default('person'),
    salutation: text(),
    firstName: text(),
    lastName: text(),
    companyName: text(),
    email: text(),
    phone: text(),
    mobile: text(),
    street: text(),
    postalCode: text(),
    city: text(),
    country: text().notNull().default('DEU'),
    roles: jsonb().$type<string[]>().notNull().default([]),
    leadStatus: text().notNull().default('neu'),
    source: text(),
    assignedAgentId: text(),
    notes: text().notNull().default(''),
    consentGiven: boolean().notNull().default(false),
    consentAt: timestamp({ withTimezone: true }),
    consentPurpose: text(),
    isDemo: boolean().notNull().default(false),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('german', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(mobile, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(city, '') || ' ' || coalesce(postal_code, '') || ' ' || coalesce(notes, '')), 'C')`,
    ),
  },
  (t) => [
    // Matches the list's "newest first" order exactly, so page 1 reads 25 index entries, not the table.
    index('crm_contact_tenant_status_created').on(
      t.tenantId,
      t.leadStatus,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('crm_contact_tenant_created').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('crm_contact_roles').using('gin', sql`${t.roles} jsonb_path_ops`),
    index('crm_contact_tenant_email').on(t.tenantId, sql`lower(${t.email})`),
    index('crm_contact_search').using('gin', t.searchVector),
    tenantIsolationPolicy(),
  ],
);

export const searchRequest = pgTable(
  'crm_search_request',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    marketingType: text().notNull(),
    objectTypes: jsonb().$type<string[]>().notNull().default([]),
    cities: jsonb().$type<string[]>().notNull().default([]),
    minLivingArea: numeric({ precision: 10, scale: 2, mode: 'number' }),
    minRooms: numeric({ precision: 4, scale: 1, mode: 'number' }),
    maxPriceCents: cents(),
    requiredFeatures: jsonb().$type<string[]>().notNull().default([]),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('crm_search_request_contact').on(t.contactId),
    index('crm_search_request_tenant_active').on(t.tenantId, t.active),
    tenantIsolationPolicy(),
  ],
);

export const viewing = pgTable(
  'crm_viewing',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    agentId: text(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull().default('geplant'),
    notes: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('crm_viewing_tenant_starts').on(t.tenantId, t.startsAt),
    index('crm_viewing_property').on(t.propertyId),
    tenantIsolationPolicy(),
  ],
);

export const viewingContact = pgTable(
  'crm_viewing_contact',
  {
    tenantId: tenantId(),
    viewingId: uuid()
      .notNull()
      .references(() => viewing.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.viewingId, t.contactId] }),
    index('crm_viewing_contact_contact').on(t.contactId),
    tenantIsolationPolicy(),
  ],
);

export const activity = pgTable(
  'crm_activity',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    subject: text().notNull(),
    body: text().notNull().default(''),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: text(),
    userName: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('crm_activity_property').on(t.propertyId, t.occurredAt),
    index('crm_activity_contact').on(t.contactId, t.occurredAt),
    tenantIsolationPolicy(),
  ],
);

export const savedFilter = pgTable(
  'crm_saved_filter',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    userId: text().notNull(),
    entity: text().notNull(),
    name: text().notNull(),
    query: jsonb().$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('crm_saved_filter_user').on(t.tenantId, t.userId, t.entity), tenantIsolationPolicy()],
);

/**
 * A "secured exposé" link sent to one inquirer for one property. The token is stored only as
 * a hash; the acknowledgement of cancellation notice, commission and privacy terms is kept
 * with time, IP and terms version as evidence (§ 312d BGB, Art. 246a EGBGB).
 */
export const exposeAccess = pgTable(
  'crm_expose_access',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid()
      .notNull()
      .references(() => property.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedIp: text(),
    acknowledgedUserAgent: text(),
    termsVersion: text(),
    viewCount: integer().notNull().default(0),
    lastViewedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('crm_expose_access_token').on(t.tokenHash),
    index('crm_expose_access_contact').on(t.contactId),
    tenantIsolationPolicy(),
  ],
);

/** One OpenImmo feed export; `items` remembers what was sent so the next partial feed can say DELETE. */
export const openimmoExport = pgTable(
  'crm_openimmo_export',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    scope: text().notNull(),
    status: text().notNull().default('laeuft'),
    jobRunId: uuid(),
    fileKey: text(),
    sizeBytes: integer(),
    listingCount: integer().notNull().default(0),
    changedCount: integer().notNull().default(0),
    deletedCount: integer().notNull().default(0),
    items: jsonb()
      .$type<
        {
          propertyId: string;
          externalId: string;
          marketingType: string;
          objectType: string;
          postalCode: string;
          city: string;
          title: string;
        }[]
      >()
      .notNull()
      .default([]),
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('crm_openimmo_export_tenant').on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);
