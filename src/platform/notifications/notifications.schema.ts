import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../auth/auth.schema.js';
import { tenantIsolationPolicy } from '../db/tenant-table.js';

/** One message in a user's notification centre (the bell): a mention, an assignment, a new lead … */
export const notification = pgTable(
  'notification',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    /** A path in the app ("/projekte/…"), opened when the notification is clicked. */
    link: text(),
    actorName: text(),
    /** Repeats of one fact ("task X due on 14.03.") collapse into one notification per user. */
    dedupeKey: text(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notification_user_created').on(
      t.tenantId,
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    uniqueIndex('notification_dedupe').on(t.tenantId, t.userId, t.dedupeKey),
    tenantIsolationPolicy(),
  ],
);

/** Whether a user also gets an e-mail for a kind; absent rows mean the kind's default. */
export const notificationPreference = pgTable(
  'notification_preference',
  {
    tenantId: text()
      .notNull()
      .references(() => tenant.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    email: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.kind] }), tenantIsolationPolicy()],
);
