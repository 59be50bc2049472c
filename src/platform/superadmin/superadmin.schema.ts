import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.schema.js';

/**
 * Operators of the platform (super-admins): a role above the offices, not one of their roles.
 * Granted on the command line only (`npm run superadmin`); the app role cannot read it.
 */
export const superadmin = pgTable('superadmin', {
  userId: text()
    .primaryKey()
    .references(() => authUser.id, { onDelete: 'cascade' }),
  grantedBy: text().notNull(),
  grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}).enableRLS();

/** Every request a super-admin makes, with its answer: they see across offices, so all of it is kept. */
export const superadminAudit = pgTable(
  'superadmin_audit',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text().notNull(),
    userEmail: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    statusCode: text().notNull(),
    /** The office the request was about, when it named one. */
    tenantId: text(),
    ipAddress: text(),
    details: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdAt), index().on(t.tenantId, t.createdAt)],
).enableRLS();
