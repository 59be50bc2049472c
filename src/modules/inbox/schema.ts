import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';
import type { MessageDirection, MessageOutcome } from './domain/message-enums.js';

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
    /** The outgoing server replies go through, with the same login; null: no replies from ImmoXX. */
    smtpHost: text(),
    smtpPort: integer(),
    /** TLS from the first byte (465); false means STARTTLS when the server offers it (587). */
    smtpTls: boolean().notNull().default(true),
    /** The sender address of replies; the username when it is an address. */
    smtpFrom: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * One mail of a mailbox: received (a portal inquiry turned into a lead, one that could not be read,
 * or other mail) or a reply sent from ImmoXX through the mailbox's SMTP server.
 */
export const inboxMessage = pgTable(
  'inbox_message',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    mailboxId: uuid()
      .notNull()
      .references(() => inboxMailbox.id, { onDelete: 'cascade' }),
    direction: text().$type<MessageDirection>().notNull().default('eingang'),
    /** IMAP UID of a received mail; null for a reply sent from ImmoXX. */
    uid: integer(),
    messageId: text(),
    inReplyTo: text(),
    /** The first mail of the conversation (In-Reply-To chain); null when this one is the first. */
    threadId: uuid(),
    /** Recipient of a sent reply. */
    toAddress: text(),
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
    index('inbox_message_message_id_idx').on(t.tenantId, t.messageId),
    index('inbox_message_thread_idx').on(t.threadId),
    tenantIsolationPolicy(),
  ],
);
