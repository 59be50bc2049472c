import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });

/** A mailbox of the office (userId null) or of one agent, read by IMAP. */
export const inboxMailbox = pgTable(
  'inbox_mailbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    userId: text().references(() => authUser.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    imapHost: text().notNull(),
    imapPort: integer().notNull().default(993),
    /** TLS from the first byte (993); false means plain or STARTTLS as the server offers. */
    imapTls: boolean().notNull().default(true),
    username: text().notNull(),
    secretSealed: text().notNull(),
    /** IMAP UIDVALIDITY of INBOX: when it changes, the UIDs below mean nothing any more. */
    uidValidity: text(),
    /** Highest UID already read: the next round asks only for newer ones. */
    lastUid: integer().notNull().default(0),
    lastSyncAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

export const MESSAGE_OUTCOMES = ['anfrage', 'nicht_erkannt', 'mail'] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/** One received mail: a portal inquiry turned into a lead, one that could not be read, or other mail. */
export const inboxMessage = pgTable(
  'inbox_message',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailbox.id, { onDelete: 'cascade' }),
    uid: integer().notNull(),
    messageId: text(),
    inReplyTo: text(),
    fromAddress: text().notNull(),
    fromName: text().notNull().default(''),
    subject: text().notNull().default(''),
    text: text().notNull().default(''),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    outcome: text().$type<MessageOutcome>().notNull(),
    /** immoscout24, immowelt, kleinanzeigen or openimmo for portal mail. */
    portal: text(),
    /** Why a portal mail could not be taken in, in words for the broker. */
    reason: text(),
    /** Cascade: erasing a contact (GDPR Art. 17) deletes the mails it sent. */
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('inbox_message_mailbox_uid').on(t.mailboxId, t.uid),
    index('inbox_message_received_idx').on(t.tenantId, t.receivedAt),
    tenantIsolationPolicy(),
  ],
);
