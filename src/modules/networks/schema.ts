import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { appRole, tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { property } from '../crm/schema.js';

/*
 * A broker network (Maklernetzwerk): member offices that pool listings, route leads to each other
 * and report centrally. Reading across members happens in a transaction of its own (`withNetwork`)
 * as the role below, with `app.network_id` set and no office: its policies decide what it sees,
 * only what each member chose to share. That role may read an office's listings and shared
 * figures and write nothing of an office. A role of its own, not more policies for the app role,
 * because an extra permissive policy on `crm_property` would be OR-ed into every office query and
 * cost the listing index.
 */

/** Created by migration 0065; granted SELECT on what a network may read (0067). */
export const NETWORK_ROLE_NAME = 'immoxx_network';
export const networkRole = pgRole(NETWORK_ROLE_NAME).existing();

const currentNetwork = sql`current_setting('app.network_id', true)`;
const currentTenant = sql`current_setting('app.tenant_id', true)`;

export const brokerNetwork = pgTable(
  'broker_network',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** The public inquiry form lives at /n/<slug>. */
    slug: text().notNull().unique(),
    /** Receives the leads no routing rule takes; without it such a lead is refused, not lost. */
    fallbackTenantId: text().references(() => tenant.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('network_self', {
      for: 'select',
      to: networkRole,
      using: sql`id::text = ${currentNetwork}`,
    }),
    pgPolicy('office_own_network', {
      for: 'select',
      to: appRole,
      using: sql`id in (select network_id from network_member where tenant_id = ${currentTenant})`,
    }),
    pgPolicy('network_admin_update', {
      for: 'update',
      to: networkRole,
      using: sql`id::text = ${currentNetwork}`,
      withCheck: sql`id::text = ${currentNetwork}`,
    }),
  ],
);

/** An office in a network (at most one) and what it shares; it decides the flags itself. */
export const networkMember = pgTable(
  'network_member',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    networkId: uuid()
      .notNull()
      .references(() => brokerNetwork.id, { onDelete: 'cascade' }),
    /** Its listings on the market appear in the network's pool. */
    sharesListings: boolean().notNull().default(false),
    /** Its monthly figures appear in the network's reports. */
    sharesReports: boolean().notNull().default(false),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.networkId),
    pgPolicy('member_network_read', {
      for: 'select',
      to: networkRole,
      using: sql`network_id::text = ${currentNetwork}`,
    }),
    pgPolicy('member_own_read', {
      for: 'select',
      to: appRole,
      using: sql`tenant_id = ${currentTenant}`,
    }),
    // An office changes its own sharing; joining and leaving are the operator's.
    pgPolicy('member_own_flags', {
      for: 'update',
      to: appRole,
      using: sql`tenant_id = ${currentTenant}`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
);

/** Users who administer a network; not an office role, checked by the network routes. */
export const networkAdmin = pgTable(
  'network_admin',
  {
    networkId: uuid()
      .notNull()
      .references(() => brokerNetwork.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] }), index().on(t.userId)],
).enableRLS();

/** Which office takes a lead: the first rule (by position) whose conditions all hold. */
export const networkLeadRule = pgTable(
  'network_lead_rule',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid()
      .notNull()
      .references(() => brokerNetwork.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    /** Postcode prefix ("784" takes 78462 Konstanz); null for any. */
    postalPrefix: text(),
    marketingType: text(),
    objectType: text(),
    targetTenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.networkId, t.position),
    pgPolicy('network_rules', {
      for: 'all',
      to: networkRole,
      using: sql`network_id::text = ${currentNetwork}`,
      withCheck: sql`network_id::text = ${currentNetwork}`,
    }),
  ],
);

/**
 * A routed lead as the network sees it: where it went and why, without the person's data,
 * which stays with the office that received it.
 */
export const networkLead = pgTable(
  'network_lead',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid()
      .notNull()
      .references(() => brokerNetwork.id, { onDelete: 'cascade' }),
    targetTenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    ruleId: uuid().references(() => networkLeadRule.id, { onDelete: 'set null' }),
    postalCode: text().notNull(),
    marketingType: text().notNull(),
    objectType: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.networkId, t.createdAt),
    pgPolicy('network_leads', {
      for: 'all',
      to: networkRole,
      using: sql`network_id::text = ${currentNetwork}`,
      withCheck: sql`network_id::text = ${currentNetwork}`,
    }),
  ],
);

/**
 * An office's figures per month, written in its own transaction. The network reads a member's
 * rows only while that member shares its reports: stopping hides them at once.
 */
export const networkOfficeStats = pgTable(
  'network_office_stats',
  {
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    /** YYYY-MM, Berlin time. */
    month: text().notNull(),
    newListings: integer().notNull(),
    soldOrLet: integer().notNull(),
    newContacts: integer().notNull(),
    viewings: integer().notNull(),
    activeListings: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.month] }),
    tenantIsolationPolicy(),
    pgPolicy('network_shared_reports', {
      for: 'select',
      to: networkRole,
      using: sql`tenant_id in (select tenant_id from network_member where network_id::text = ${currentNetwork} and shares_reports)`,
    }),
  ],
);

/** The pool: a member's listings on the market, while it shares them. Read only. */
export const networkPoolPolicy = pgPolicy('network_pool', {
  for: 'select',
  to: networkRole,
  using: sql`status in ('aktiv', 'reserviert') and tenant_id in (select tenant_id from network_member where network_id::text = ${currentNetwork} and shares_listings)`,
}).link(property);
