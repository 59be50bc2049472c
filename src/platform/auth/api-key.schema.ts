import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolationPolicy } from '../db/tenant-table.js';
import { authUser, tenant } from './auth.schema.js';

/**
 * An office's API key for an integration (CRM sync, a website, a reporting tool). Only the
 * SHA-256 of the key is kept; the key is shown once. It acts for the member who made it and
 * reaches only the permissions in `scopes` that member's role still holds, so a key never
 * outlives its maker's rights.
 */
export const apiKey = pgTable(
  'api_key',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters after the prefix, so people can tell their keys apart. */
    tokenHint: text().notNull(),
    scopes: text().array().notNull(),
    createdBy: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedIp: text(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.tenantId, t.createdAt), tenantIsolationPolicy()],
);
