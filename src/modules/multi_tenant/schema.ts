import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';

/**
 * A self-service sign-up: pending until the address is confirmed, then the office it created.
 * Before confirmation it belongs to no office, so only the platform (not the app role) reads it;
 * afterwards the office sees its own row (the state of its sample data).
 */
export const officeSignup = pgTable(
  'office_signup',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    officeName: text().notNull(),
    subdomain: text().notNull(),
    /** Hash of the chosen password (better-auth's scrypt); null when the address had an account. */
    passwordHash: text(),
    withDemoData: boolean().notNull().default(false),
    locale: text().notNull().default('de'),
    /** SHA-256 of the token in the confirmation link; the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    tenantId: text().references(() => tenant.id, { onDelete: 'cascade' }),
    /** pending, done or failed while the sample data of a new office is written. */
    demoDataStatus: text(),
  },
  (t) => [index().on(t.email), index().on(t.subdomain), index().on(t.tenantId), tenantIsolationPolicy()],
);

/** An office that hid its onboarding checklist; any office may, whether it signed up or not. */
export const officeOnboarding = pgTable(
  'office_onboarding',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    dismissedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);
