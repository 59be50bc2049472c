import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A small attachment kept with the mail: an invitation's .ics as text, an owner report's PDF as
 * base64. Large files go by link, not by mail.
 */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
  /** `base64` for binary content; nodemailer decodes it before sending. */
  encoding?: 'base64';
}

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
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    /** Extra headers such as List-Unsubscribe (RFC 2369/8058) for advertising mail. */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** A customer mail goes out in the office's name ("Hegau Immobilien") from the platform's address. */
    fromName: text(),
    /** Where the customer's answer goes: the office's contact address. */
    replyTo: text(),
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
