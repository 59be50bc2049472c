import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appRole, tenantIsolationPolicy } from '../db/tenant-table.js';

/*
 * Tables better-auth reads and writes (user, session, account, verification and the
 * organization plugin's organization/member/invitation). The JS property names are the
 * field names better-auth expects; the SQL names say what they are in ImmoXX.
 */

export const authUser = pgTable(
  'auth_user',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    email: text().notNull().unique(),
    emailVerified: boolean().notNull().default(false),
    image: text(),
    locale: text().notNull().default('de'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('tenant_colleagues', {
      for: 'select',
      to: appRole,
      using: sql`id in (select user_id from tenant_member where organization_id = current_setting('app.tenant_id', true))`,
    }),
  ],
);

export const authSession = pgTable(
  'auth_session',
  {
    id: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    token: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ipAddress: text(),
    userAgent: text(),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    activeOrganizationId: text(),
  },
  (t) => [index().on(t.userId)],
).enableRLS();

export const authAccount = pgTable(
  'auth_account',
  {
    id: text().primaryKey(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    scope: text(),
    password: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId)],
).enableRLS();

export const authVerification = pgTable(
  'auth_verification',
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.identifier)],
).enableRLS();

/** A tenant is a broker office (better-auth "organization"). */
export const tenant = pgTable(
  'tenant',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    logo: text(),
    metadata: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set by an operator: the office's members can no longer work in it; its data stays. */
    deactivatedAt: timestamp({ withTimezone: true }),
    /** The owner asked to delete the office: it is deleted for good after this, unless called off. */
    deleteAfter: timestamp({ withTimezone: true }),
    deletionRequestedBy: text(),
  },
  () => [
    pgPolicy('tenant_self', {
      for: 'select',
      to: appRole,
      using: sql`id = current_setting('app.tenant_id', true)`,
    }),
  ],
);

export const tenantMember = pgTable(
  'tenant_member',
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.organizationId, t.userId),
    index().on(t.userId),
    tenantIsolationPolicy('organization_id'),
  ],
);

export const tenantInvitation = pgTable(
  'tenant_invitation',
  {
    id: text().primaryKey(),
    organizationId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: text(),
    status: text().notNull().default('pending'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    inviterId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
  },
  (t) => [index().on(t.organizationId), index().on(t.email), tenantIsolationPolicy('organization_id')],
);

/** Failed sign-in attempts per e-mail address, for the lockout. */
export const loginThrottle = pgTable('login_throttle', {
  email: text().primaryKey(),
  failedAttempts: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastFailedAt: timestamp({ withTimezone: true }),
}).enableRLS();
