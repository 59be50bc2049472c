import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { authUser } from '../auth/auth.schema.js';

/**
 * Whether a person agreed to product analytics (PostHog). No row: not asked, which counts as
 * no. A platform table (owner connection), not an office's: the choice belongs to the person.
 */
export const analyticsConsent = pgTable('analytics_consent', {
  userId: text()
    .primaryKey()
    .references(() => authUser.id, { onDelete: 'cascade' }),
  granted: boolean().notNull(),
  decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
