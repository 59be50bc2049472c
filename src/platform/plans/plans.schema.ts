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
