import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { property } from '../crm/schema.js';
import type { PostMetrics } from './providers/social-adapter.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** A connected page, profile, organisation or creator. Tokens are sealed with the SecretBox. */
export const socialAccount = pgTable(
  'social_account',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    platform: text().notNull(),
    /** `live` talks to the platform; `sandbox` to the built-in imitation, labelled as such. */
    mode: text().notNull(),
    externalId: text().notNull(),
    name: text().notNull(),
    accessTokenSealed: text().notNull(),
    refreshTokenSealed: text(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    status: text().notNull().default('verbunden'),
    statusMessage: text(),
    connectedBy: text(),
    followers: integer(),
    metricsFetchedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('social_account_external').on(t.tenantId, t.platform, t.mode, t.externalId),
    tenantIsolationPolicy(),
  ],
);

/** One post, written once; each channel it goes to is a target with its own text and fate. */
export const socialPost = pgTable(
  'social_post',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    title: text().notNull(),
    status: text().notNull().default('entwurf'),
    createdBy: text(),
    approvedBy: text(),
    approvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('social_post_tenant_status').on(t.tenantId, t.status),
    // The list's order (issue 19): a page walks the index and stops, instead of sorting every row.
    index('social_post_tenant_created').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    tenantIsolationPolicy(),
  ],
);

export interface TargetMedia {
  kind: 'image' | 'video';
  /** The owning module's reference (shared-media.ts); absent only on posts from before it. */
  source?: string;
  sourceId?: string;
  /** Resolved by the server from the reference; never taken from a client. */
  fileKey?: string;
  contentType?: string;
  /** Posts from before references: the public address given then (its key was dropped). */
  url?: string;
  /** Same-origin address for the composer's preview. */
  previewUrl?: string;
  altText?: string;
  width?: number;
  height?: number;
  sizeBytes?: number;
  durationSeconds?: number;
}

/** What the person chose for a channel where the platform asks (TikTok's Content Sharing Guidelines). */
export interface TargetOptions {
  tiktok?: {
    privacyLevel: string;
    allowComment: boolean;
    allowDuet: boolean;
    allowStitch: boolean;
  };
}

export const socialTarget = pgTable(
  'social_post_target',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    postId: uuid()
      .notNull()
      .references(() => socialPost.id, { onDelete: 'cascade' }),
    accountId: uuid()
      .notNull()
      .references(() => socialAccount.id, { onDelete: 'cascade' }),
    platform: text().notNull(),
    format: text().notNull().default('feed'),
    text: text().notNull(),
    link: text(),
    media: jsonb().$type<TargetMedia[]>().notNull().default([]),
    scheduledAt: timestamp({ withTimezone: true }),
    /** entwurf → geplant → wird_gesendet → veroeffentlicht | fehlgeschlagen | ungewiss; wartet_limit delays. */
    status: text().notNull().default('entwurf'),
    attempts: integer().notNull().default(0),
    externalId: text(),
    externalUrl: text(),
    errorCode: text(),
    errorMessage: text(),
    jobRunId: uuid(),
    sendingSince: timestamp({ withTimezone: true }),
    /**
     * What the publish got done at the platform (uploaded media, container, publish id) and
     * `maybeSent` after an unknown outcome: the next attempt looks before it posts again.
     */
    progress: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** When the first attempt started: read-backs look for the post from then on. */
    firstSentAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** Posted right after the post itself (hashtags or the link, where the algorithm prefers it). */
    firstComment: text(),
    options: jsonb().$type<TargetOptions>().notNull().default({}),
    firstCommentId: text(),
    firstCommentError: text(),
    /** The latest numbers from the platform, normalised (see PostMetrics). */
    metrics: jsonb().$type<PostMetrics>(),
    metricsFetchedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('social_target_post').on(t.postId),
    index('social_target_tenant_scheduled').on(t.tenantId, t.status, t.scheduledAt),
    tenantIsolationPolicy(),
  ],
);

/** An OAuth connect in flight: only the state's hash is kept, it is used once and expires. */
export const socialOauthState = pgTable(
  'social_oauth_state',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    userId: text().notNull(),
    platform: text().notNull(),
    stateHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('social_oauth_state_hash').on(t.stateHash), tenantIsolationPolicy()],
);
