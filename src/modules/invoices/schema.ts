import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';

/**
 * What the office prints on its own invoices: its address in the parts an e-invoice needs, its
 * tax ids and bank account. Kept apart from the Impressum's one-line address, which stays text.
 */
export const invoiceSettings = pgTable(
  'invoice_settings',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    legalName: text().notNull(),
    street: text().notNull(),
    postalCode: text().notNull(),
    city: text().notNull(),
    country: text().notNull().default('DE'),
    vatId: text(),
    taxNumber: text(),
    email: text().notNull(),
    phone: text().notNull(),
    contactName: text().notNull(),
    iban: text().notNull(),
    bic: text(),
    accountHolder: text().notNull(),
    /** Invoice numbers read `<prefix>-<year>-0001`. */
    numberPrefix: text().notNull().default('RE'),
    paymentDays: integer().notNull().default(14),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);
