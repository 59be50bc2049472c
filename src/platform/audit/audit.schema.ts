import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';

/** Append-only: the app role may insert and read, never update or delete (migration 0002). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    userId: text(),
    userName: text(),
    entity: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    changes: jsonb().$type<Record<string, { before: unknown; after: unknown }>>().notNull().default({}),
    ipAddress: text(),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.tenantId, t.createdAt),
    index().on(t.tenantId, t.entity, t.entityId),
    tenantIsolationPolicy(),
  ],
);
