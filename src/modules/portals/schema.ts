import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import type { FeedItem } from '../crm/openimmo/openimmo-feed.js';
import { property } from '../crm/schema.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** ImmoScout24 through its REST API, or any portal that takes an OpenImmo ZIP by FTP/SFTP. */
export const PORTAL_TRANSPORTS = ['is24', 'ftp', 'sftp'] as const;
export type PortalTransport = (typeof PORTAL_TRANSPORTS)[number];

export const ACCOUNT_STATUSES = ['aktiv', 'zugang_ungueltig', 'fehler'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** One portal account of the office; its credentials are sealed with the tenant's key. */
export const portalAccount = pgTable(
  'portals_account',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    transport: text().$type<PortalTransport>().notNull(),
    /** The portal's name as the broker knows it: "ImmoScout24", "Immowelt", "Kleinanzeigen" … */
    portalName: text().notNull(),
    /** IS24: the REST base URL; FTP/SFTP: the host. */
    host: text().notNull(),
    port: integer(),
    /** IS24: the user name ("me" for the token's owner); FTP/SFTP: the login. */
    username: text().notNull(),
    /** FTP/SFTP: the directory the portal reads from. */
    remoteDir: text().notNull().default('/'),
    /** OpenImmo `anbieternr` the portal assigned to the office. */
    providerId: text().notNull().default(''),
    /** FTP/SFTP: "TEIL" sends only what changed, "VOLL" the whole feed every time. */
    feedScope: text().$type<'TEIL' | 'VOLL'>().notNull().default('TEIL'),
    /** IS24: consumer key/secret and access token/secret; FTP/SFTP: the password. */
    secretSealed: text().notNull(),
    status: text().$type<AccountStatus>().notNull().default('aktiv'),
    lastError: text(),
    lastSyncAt: timestamp({ withTimezone: true }),
    lastReconcileAt: timestamp({ withTimezone: true }),
    /** Lease held by the worker syncing this account, so two never create the same listing at once. */
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  () => [tenantIsolationPolicy()],
);

export const LISTING_STATES = ['wartet', 'gesendet', 'online', 'fehler', 'entfernt'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

/**
 * A listing on one portal. `wanted` is the broker's choice; `state` is what the portal has.
 * At most one row per listing and account, so a listing is never created twice on one portal.
 */
export const portalListing = pgTable(
  'portals_listing',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    accountId: uuid()
      .notNull()
      .references(() => portalAccount.id, { onDelete: 'cascade' }),
    /** Null once the listing was deleted in ImmoXX: the row stays until the portal has dropped it too. */
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    /** What the portal got last (our id, type, place): enough to withdraw it after a deletion. */
    item: jsonb().$type<FeedItem>(),
    wanted: boolean().notNull().default(true),
    state: text().$type<ListingState>().notNull().default('wartet'),
    /** The portal's own id (IS24 scout id); null until the portal has the listing. */
    portalObjectId: text(),
    url: text(),
    /** The portal's reason when it refused the listing, in its words. */
    lastError: text(),
    /** SHA-256 of what was last sent: a change re-sends, an unchanged listing does not. */
    sentHash: text(),
    mediaHash: text(),
    sentAt: timestamp({ withTimezone: true }),
    onlineAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('portals_listing_account_property').on(t.accountId, t.propertyId),
    index('portals_listing_property_idx').on(t.propertyId),
    tenantIsolationPolicy(),
  ],
);

/** One OpenImmo upload to an FTP/SFTP portal: what went, how big, and whether it arrived. */
export const portalUpload = pgTable(
  'portals_upload',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    accountId: uuid()
      .notNull()
      .references(() => portalAccount.id, { onDelete: 'cascade' }),
    scope: text().$type<'TEIL' | 'VOLL'>().notNull(),
    fileName: text().notNull(),
    sizeBytes: integer().notNull().default(0),
    listingCount: integer().notNull().default(0),
    deletedCount: integer().notNull().default(0),
    status: text().$type<'hochgeladen' | 'fehler'>().notNull(),
    error: text(),
    createdAt: createdAt(),
  },
  (t) => [index('portals_upload_account_idx').on(t.accountId, t.createdAt), tenantIsolationPolicy()],
);
