import { z } from 'zod';
import { MESSAGE_DIRECTIONS, MESSAGE_OUTCOMES } from './domain/message-enums.js';

/** The inbox API's shapes, shared by the server's routes and the pages. */

const hostName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Bitte den ${what} angeben.`)
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'Bitte nur den Servernamen angeben, ohne Protokoll und Pfad.');

export const mailboxView = z.object({
  id: z.string().uuid(),
  label: z.string(),
  office: z.boolean(),
  imapHost: z.string(),
  imapPort: z.number().int(),
  imapTls: z.boolean(),
  username: z.string(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The outgoing server for replies; null: replies cannot be sent from ImmoXX. */
  smtp: z.object({ host: z.string(), port: z.number().int(), tls: z.boolean(), from: z.string() }).nullable(),
});
export type MailboxView = z.infer<typeof mailboxView>;

export const messageView = z.object({
  id: z.string().uuid(),
  mailboxId: z.string().uuid(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  fromAddress: z.string(),
  fromName: z.string(),
  toAddress: z.string().nullable(),
  subject: z.string(),
  receivedAt: z.string(),
  outcome: z.enum(MESSAGE_OUTCOMES),
  portal: z.string().nullable(),
  reason: z.string().nullable(),
  contactId: z.string().uuid().nullable(),
  propertyId: z.string().uuid().nullable(),
  threadId: z.string().uuid().nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export const threadMessage = messageView.extend({ text: z.string() });
export type ThreadMessage = z.infer<typeof threadMessage>;

/** One mail with its conversation (oldest first) and whether a reply can go out. */
export const messageDetail = threadMessage.extend({
  thread: z.array(threadMessage),
  /** Where a reply would go: the enquirer's address for a portal inquiry, else the sender's. */
  replyTo: z.string().nullable(),
  canReply: z.boolean(),
});
export type MessageDetail = z.infer<typeof messageDetail>;

export const smtpInput = z.object({
  smtpHost: hostName('Postausgangsserver (SMTP)'),
  smtpPort: z.number().int().min(1).max(65535).default(465),
  smtpTls: z.boolean().default(true),
  /** Sender address of replies; empty: the username. */
  smtpFrom: z
    .string()
    .trim()
    .max(320)
    .email('Bitte eine gültige Absenderadresse angeben.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type SmtpInput = z.infer<typeof smtpInput>;

export const connectInput = z.object({
  label: z.string().trim().min(1, 'Bitte einen Namen für das Postfach angeben.').max(100),
  imapHost: hostName('IMAP-Server'),
  imapPort: z.number().int().min(1).max(65535).default(993),
  imapTls: z.boolean().default(true),
  username: z.string().trim().min(1, 'Bitte den Benutzernamen angeben.').max(200),
  password: z.string().min(1, 'Bitte das Passwort angeben.').max(500),
  /** An office mailbox (info@…) is shared; otherwise it is the signed-in user's own. */
  office: z.boolean().default(false),
  /** Take in the mail of the last N days as well; 0 = only mail arriving from now on. */
  sinceDays: z.number().int().min(0).max(60).default(0),
  /** Optional: the outgoing server, with the same login, so replies can go out from ImmoXX. */
  smtp: smtpInput.optional(),
});
export type ConnectInput = z.infer<typeof connectInput>;

export const replyInput = z.object({
  text: z.string().trim().min(1, 'Bitte eine Antwort schreiben.').max(20_000),
});
