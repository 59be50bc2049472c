import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { property } from '../crm/schema.js';

/** A calculation saved for later or for a property: its validated input and the headline results. */
export const financeScenario = pgTable(
  'finance_scenario',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    propertyId: uuid().references(() => property.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    name: text().notNull(),
    input: jsonb().$type<Record<string, unknown>>().notNull(),
    summary: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('finance_scenario_property').on(t.tenantId, t.propertyId, t.createdAt),
    // The list's order (issue 19): a page walks the index and stops, instead of sorting every row.
    index('finance_scenario_tenant_created').on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    tenantIsolationPolicy(),
  ],
);
