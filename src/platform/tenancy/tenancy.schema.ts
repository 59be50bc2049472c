import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';

/** White-label settings of a tenant: colours, logo, contact data shown on listings. */
export const tenantSettings = pgTable(
  'tenant_settings',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    displayName: text().notNull(),
    primaryColor: text().notNull().default('#0f766e'),
    accentColor: text().notNull().default('#f59e0b'),
    logoFileKey: text(),
    logoContentType: text(),
    defaultLocale: text().notNull().default('de'),
    contactEmail: text(),
    contactPhone: text(),
    address: text(),
    // Impressum (§ 5 DDG) and privacy notice (Art. 13 GDPR) of the office, shown on every public page and customer mail.
    legalName: text(),
    representative: text(),
    registerEntry: text(),
    vatId: text(),
    licence34c: text(),
    supervisoryAuthority: text(),
    chamber: text(),
    privacyPolicy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * An office's own domain (www.hegau-immobilien.de), served once verified: by a TXT record
 * `_immoxx-verification.<hostname>` or by the domain reaching this platform, which answers
 * `/.well-known/immoxx-verification` with the token. One per office.
 */
export const officeDomain = pgTable(
  'office_domain',
  {
    tenantId: text()
      .primaryKey()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    hostname: text().notNull().unique(),
    token: text().notNull(),
    verifiedAt: timestamp({ withTimezone: true }),
    verifiedBy: text(),
    lastCheckAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);
