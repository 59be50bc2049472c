import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';

/**
 * The plan an office subscribes to. No row: the office runs without plan limits (a self-hosted
 * single office, the default); SaaS offices get one at sign-up.
 */
export const tenantPlan = pgTable(
  'tenant_plan',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    plan: text().notNull(),
    /** trialing and active work in full; past_due keeps working until grace ends; read_only refuses writes. */
    status: text().notNull().default('active'),
    trialEndsAt: timestamp({ withTimezone: true }),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    /** A failed payment leaves this long to fix it (status past_due); after it, the office is read-only. */
    graceEndsAt: timestamp({ withTimezone: true }),
    /** Set when the plan is paid through Stripe; its events move plan and status. */
    stripeSubscriptionId: text(),
    /** `created` of the last Stripe event applied, so an older one arriving late changes nothing. */
    stripeEventAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tenant_plan_plan', sql`${t.plan} in ('free', 'professional', 'enterprise')`),
    check(
      'tenant_plan_status',
      sql`${t.status} in ('trialing', 'active', 'past_due', 'read_only', 'canceled')`,
    ),
    tenantIsolationPolicy(),
  ],
);

/** The office as a Stripe customer, created at its first checkout. */
export const billingAccount = pgTable(
  'billing_account',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    stripeCustomerId: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * Every Stripe event taken in, by its id: Stripe may deliver one twice, and the second delivery
 * must change nothing. Written before any tenant is known, so it has no tenant policy.
 */
export const billingEvent = pgTable('billing_event', {
  id: text().primaryKey(),
  type: text().notNull(),
  tenantId: text(),
  /** applied, stale (older than what was applied), ignored (not a type we act on) or unknown_office. */
  outcome: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
