import nodemailer from 'nodemailer';
import type { ImapLogin } from './imap-fetch.js';

/** The mailbox's outgoing server; it takes the same login as its IMAP server, as with most providers. */
export interface SmtpLogin {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
}

export class SmtpError extends Error {}

export interface Reply {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

function transportFor(login: SmtpLogin) {
  return nodemailer.createTransport({
    host: login.host,
    port: login.port,
    // 465: TLS from the first byte; otherwise STARTTLS whenever the server offers it.
    secure: login.tls,
    auth: { user: login.username, pass: login.password },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

function smtpReason(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.code === 'EAUTH') return 'Benutzername oder Passwort werden vom Postausgangsserver abgelehnt.';
  if (e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET')
    return `Der Postausgangsserver ist nicht erreichbar (${e.message ?? e.code}).`;
  return e.response ?? e.message ?? String(error);
}

/** Logs in without sending anything, so a wrong server or password is refused when it is entered. */
export async function verifySmtp(login: SmtpLogin): Promise<void> {
  const transport = transportFor(login);
  try {
    await transport.verify();
  } catch (error) {
    throw new SmtpError(`Anmeldung am Postausgangsserver fehlgeschlagen: ${smtpReason(error)}`);
  } finally {
    transport.close();
  }
}

/** Sends one reply; threading headers (RFC 5322 § 3.6.4) let the recipient's mail program file it with the conversation. */
export async function sendReply(login: SmtpLogin, reply: Reply): Promise<void> {
  const transport = transportFor(login);
  try {
    await transport.sendMail({
      from: reply.from,
      to: reply.to,
      subject: reply.subject,
      text: reply.text,
      messageId: reply.messageId,
      ...(reply.inReplyTo ? { inReplyTo: reply.inReplyTo } : {}),
      ...(reply.references.length ? { references: reply.references } : {}),
    });
  } catch (error) {
    throw new SmtpError(`Die Antwort wurde nicht gesendet: ${smtpReason(error)}`);
  } finally {
    transport.close();
  }
}

export const smtpLoginOf = (
  box: { smtpHost: string | null; smtpPort: number | null; smtpTls: boolean },
  imap: Pick<ImapLogin, 'username' | 'password'>,
): SmtpLogin | null =>
  box.smtpHost
    ? {
        host: box.smtpHost,
        port: box.smtpPort ?? (box.smtpTls ? 465 : 587),
        tls: box.smtpTls,
        username: imap.username,
        password: imap.password,
      }
    : null;

/** "Re: " once, not "Re: AW: Re: …"; German mail programs write "AW:". */
export function replySubject(subject: string): string {
  const s = subject.trim() || '(ohne Betreff)';
  return /^(re|aw|antw)\s*:/i.test(s) ? s : `Re: ${s}`;
}

/** The original below the answer, as mail programs quote it ("Am … schrieb …:" and "> "). */
export function quoted(original: {
  text: string;
  fromName: string;
  fromAddress: string;
  receivedAt: Date;
}): string {
  const when = original.receivedAt.toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const who = original.fromName || original.fromAddress;
  const lines = original.text.trimEnd().split(/\r?\n/).slice(0, 200);
  return `Am ${when.replace(', ', ' um ')} schrieb ${who}:\n${lines.map((l) => `> ${l}`).join('\n')}`;
}
