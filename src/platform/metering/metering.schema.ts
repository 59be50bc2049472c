import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';

/**
 * The local usage ledger: every billable use (AI cost, a portal export, an active listing day)
 * once, under the caller's idempotency key, so a retried request counts once. Sent to Stripe as
 * meter events from here, and reconciled against Stripe's sums.
 */
export const usageEvent = pgTable(
  'usage_event',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    meter: text().notNull(),
    value: integer().notNull(),
    idempotencyKey: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** When Stripe accepted it as a meter event; null: not sent yet (or no Stripe customer). */
    reportedAt: timestamp({ withTimezone: true }),
    /** Why Stripe will never take it (older than its 35 days, refused); such events are not sent again. */
    unreportable: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('usage_event_key').on(t.tenantId, t.idempotencyKey),
    index('usage_event_unreported').on(t.reportedAt, t.unreportable, t.occurredAt),
    index('usage_event_tenant_meter_time').on(t.tenantId, t.meter, t.occurredAt),
    tenantIsolationPolicy(),
  ],
);
