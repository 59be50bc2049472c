import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'offline'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every outgoing e-mail, sent or not. Without SMTP_URL mails stay here with status
 * `offline` and `npm run mail:outbox` shows them. Platform-internal: no app-role access.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: text(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    purpose: text().notNull(),
    status: text().$type<MailStatus>().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.createdAt), index().on(t.toAddress)],
).enableRLS();
