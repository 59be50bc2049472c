import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { Platform } from '../../../platform/kernel.js';
import { readMail } from '../domain/mail-input.js';
import { inboxMailbox } from '../schema.js';
import { takeIn } from './inbox-intake.js';

export type MailboxRow = typeof inboxMailbox.$inferSelect;
export const mailboxAad = (id: string) => `inbox.mailbox:${id}`;

/** At most this many mails per round: a full mailbox is read over several minutes, never in one go. */
const PER_ROUND = 300;
const LEASE_MS = 5 * 60_000;

export class MailboxError extends Error {}

export interface ImapLogin {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
}

export function imapClient(login: ImapLogin): ImapFlow {
  return new ImapFlow({
    host: login.host,
    port: login.port,
    secure: login.tls,
    auth: { user: login.username, pass: login.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
}

/** Logs in and opens INBOX; gives the UID from which new mail is read (`since` days back, or from now). */
export async function probeMailbox(
  login: ImapLogin,
  sinceDays: number,
): Promise<{ uidValidity: string; lastUid: number }> {
  const client = imapClient(login);
  try {
    await client.connect();
  } catch (error) {
    throw new MailboxError(`Anmeldung am Postfach fehlgeschlagen: ${imapReason(error)}`);
  }
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const box = client.mailbox;
      if (!box) throw new MailboxError('Der Posteingang (INBOX) ließ sich nicht öffnen.');
      let lastUid = Number(box.uidNext) - 1;
      if (sinceDays > 0) {
        const uids = await client.search(
          { since: new Date(Date.now() - sinceDays * 86_400_000) },
          { uid: true },
        );
        if (Array.isArray(uids) && uids.length > 0) lastUid = Math.min(...uids) - 1;
      }
      return { uidValidity: String(box.uidValidity), lastUid: Math.max(0, lastUid) };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}

function imapReason(error: unknown): string {
  const e = error as {
    responseText?: string;
    authenticationFailed?: boolean;
    code?: string;
    message?: string;
  };
  if (e.authenticationFailed) return 'Benutzername oder Passwort falsch.';
  return e.responseText ?? e.code ?? e.message ?? String(error);
}

/**
 * Reads the mail that arrived since the last round (UIDs above the last one read; all of them
 * again when the server's UIDVALIDITY changed) and takes each in once.
 */
export async function fetchMailbox(
  platform: Platform,
  tenantId: string,
  mailboxId: string,
): Promise<{ read: number; inquiries: number; unreadable: number }> {
  const now = new Date();
  const [box] = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .update(inboxMailbox)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
      .where(
        and(
          eq(inboxMailbox.id, mailboxId),
          or(isNull(inboxMailbox.lockedUntil), lt(inboxMailbox.lockedUntil, now)),
        ),
      )
      .returning(),
  );
  if (!box) return { read: 0, inquiries: 0, unreadable: 0 };
  const tally = { read: 0, inquiries: 0, unreadable: 0 };
  let lastUid = box.lastUid;
  let uidValidity = box.uidValidity;
  const client = imapClient({
    host: box.imapHost,
    port: box.imapPort,
    tls: box.imapTls,
    username: box.username,
    password: platform.secretBox.decrypt(box.secretSealed, mailboxAad(box.id)),
  });
  try {
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    try {
      const current = String(client.mailbox ? client.mailbox.uidValidity : '');
      if (uidValidity !== current) {
        lastUid = 0;
        uidValidity = current;
      }
      const pending: { uid: number; source: Buffer }[] = [];
      for await (const msg of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        // "n:*" always yields the newest message, even when it is older than n.
        if (msg.uid <= lastUid || !msg.source) continue;
        pending.push({ uid: msg.uid, source: msg.source });
        if (pending.length >= PER_ROUND) break;
      }
      for (const { uid, source } of pending.sort((a, b) => a.uid - b.uid)) {
        const result = await takeIn(platform, tenantId, box.id, uid, await readMail(source));
        tally.read++;
        if (result.outcome === 'anfrage') tally.inquiries++;
        if (result.outcome === 'nicht_erkannt') tally.unreadable++;
        lastUid = uid;
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(inboxMailbox)
        .set({ lastUid, uidValidity, lastSyncAt: new Date(), lastError: null, lockedUntil: null })
        .where(eq(inboxMailbox.id, box.id)),
    );
    return tally;
  } catch (error) {
    client.close();
    const message = `Postfach nicht abrufbar: ${imapReason(error)}`;
    await platform.database.withTenant(tenantId, (tx) =>
      tx
        .update(inboxMailbox)
        .set({ lastUid, uidValidity, lastError: message, lockedUntil: null })
        .where(eq(inboxMailbox.id, box.id)),
    );
    throw new MailboxError(message);
  }
}
