import { eq, isNull, or, type SQL } from 'drizzle-orm';
import type { MailboxView, MessageView } from '../contract.js';
import { inboxMailbox, type inboxMessage } from '../schema.js';

/** Office mailboxes for everyone with inbox.read; a personal one only for its owner. */
export const visibleMailboxes = (userId: string): SQL =>
  or(isNull(inboxMailbox.userId), eq(inboxMailbox.userId, userId))!;

export const messageOf = (m: typeof inboxMessage.$inferSelect): MessageView => ({
  id: m.id,
  mailboxId: m.mailboxId,
  direction: m.direction,
  fromAddress: m.fromAddress,
  fromName: m.fromName,
  toAddress: m.toAddress,
  subject: m.subject,
  receivedAt: m.receivedAt.toISOString(),
  outcome: m.outcome,
  portal: m.portal,
  reason: m.reason,
  contactId: m.contactId,
  propertyId: m.propertyId,
  threadId: m.threadId,
});

export const mailboxOf = (m: typeof inboxMailbox.$inferSelect): MailboxView => ({
  id: m.id,
  label: m.label,
  office: m.userId === null,
  imapHost: m.imapHost,
  imapPort: m.imapPort,
  imapTls: m.imapTls,
  username: m.username,
  lastSyncAt: m.lastSyncAt?.toISOString() ?? null,
  lastError: m.lastError,
  smtp:
    m.smtpHost && m.smtpFrom
      ? { host: m.smtpHost, port: m.smtpPort ?? (m.smtpTls ? 465 : 587), tls: m.smtpTls, from: m.smtpFrom }
      : null,
});
