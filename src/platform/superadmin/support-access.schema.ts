import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { appRole, tenantIsolationPolicy } from '../db/tenant-table.js';

/**
 * An owner's consent that the platform's support may work in the office until `expiresAt`.
 * Without a running grant no operator can enter an office; revoking it ends every support
 * session in it at the next request.
 */
export const supportAccessGrant = pgTable(
  'support_access_grant',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    grantedBy: text().notNull(),
    grantedByName: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);

/**
 * An operator working in an office under a grant. The cookie carries a random token; only its
 * SHA-256 is kept. The office reads its own sessions (who was in, when), never writes them.
 */
export const supportSession = pgTable(
  'support_session',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    grantId: uuid()
      .notNull()
      .references(() => supportAccessGrant.id, { onDelete: 'cascade' }),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    operatorUserId: text().notNull(),
    operatorName: text().notNull(),
    operatorEmail: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.tenantId, t.startedAt),
    pgPolicy('office_reads_own_support_sessions', {
      for: 'select',
      to: appRole,
      using: sql`tenant_id = current_setting('app.tenant_id', true)`,
    }),
  ],
);
