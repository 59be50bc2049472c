import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import type { MailAttachment } from '../../../platform/mail/mail.schema.js';
import { composeVisitorMessage, type VisitorMessageInput } from '../domain/visitor-message-text.js';
import { viewingMessage } from '../schema.js';
import { SmsError, sendSms, toE164 } from './sms-gateway.js';

export interface Delivery {
  tenantId: string;
  participantId: string;
  /** The visitor's contact, so opens and clicks of the mail can count for it (lead scoring). */
  contactId?: string;
  /** Once per key across servers and ticks (reminders, feedback); null: always sent. */
  dedupeKey: string | null;
  input: VisitorMessageInput;
}

export const visitorUrl = (platform: Platform, token: string) => `${platform.publicUrl}/termin/${token}`;

/**
 * Sends messages to visitors: claims each by its dedupe key first (one insert for the whole batch,
 * so 10,000 reminders of one hour are one statement), then hands the mails to the outbox.
 * Runs on the owner connection outside any tenant transaction, like the mail outbox itself.
 */
export async function deliver(platform: Platform, deliveries: Delivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const db = platform.database.db;
  const composed = deliveries.map((d) => ({ d, message: composeVisitorMessage(d.input) }));
  let sent = 0;
  for (let i = 0; i < composed.length; i += 500) {
    const batch = composed.slice(i, i + 500);
    const claimed = await db
      .insert(viewingMessage)
      .values(
        batch.map(({ d, message }) => ({
          tenantId: d.tenantId,
          viewingId: d.input.viewingId,
          participantId: d.participantId,
          kind: d.input.kind,
          channel: 'email' as const,
          status: d.input.visitor.email ? ('queued' as const) : ('skipped' as const),
          detail: d.input.visitor.email ? '' : 'Keine E-Mail-Adresse beim Kontakt hinterlegt.',
          ics: message.ics?.content ?? null,
          dedupeKey: d.dedupeKey,
        })),
      )
      .onConflictDoNothing({ target: viewingMessage.dedupeKey })
      .returning({
        id: viewingMessage.id,
        participantId: viewingMessage.participantId,
        kind: viewingMessage.kind,
      });
    const claimedKeys = new Map(claimed.map((c) => [`${c.participantId}:${c.kind}`, c.id]));
    for (const { d, message } of batch) {
      const id = claimedKeys.get(`${d.participantId}:${d.input.kind}`);
      if (!id || !d.input.visitor.email) continue;
      claimedKeys.delete(`${d.participantId}:${d.input.kind}`);
      const attachments: MailAttachment[] = message.ics
        ? [
            {
              filename: message.ics.method === 'CANCEL' ? 'absage.ics' : 'einladung.ics',
              contentType: `text/calendar; charset=utf-8; method=${message.ics.method}`,
              content: message.ics.content,
            },
          ]
        : [];
      const receipt = await platform.mail.send({
        to: d.input.visitor.email,
        subject: message.subject,
        text: message.text,
        attachments,
        purpose: `viewings.${d.input.kind}`,
        tenantId: d.tenantId,
        contactId: d.contactId ?? null,
        audience: 'customer',
      });
      await db
        .update(viewingMessage)
        .set({ mailId: receipt.id, status: receipt.delivery })
        .where(eq(viewingMessage.id, id));
      sent++;
    }
  }
  return sent;
}

export interface SmsDelivery {
  tenantId: string;
  participantId: string;
  viewingId: string;
  dedupeKey: string;
  phone: string | null;
  text: string;
}

/**
 * SMS reminders through seven.io, claimed by key like the mails. Without SEVEN_API_KEY nothing
 * leaves the server: the record says so ("offline"), as the viewing's message list shows.
 */
export async function deliverSms(platform: Platform, items: SmsDelivery[]): Promise<number> {
  const { SEVEN_API_KEY, SEVEN_API_URL, SEVEN_SENDER } = platform.config.env;
  let sent = 0;
  for (const item of items) {
    const to = item.phone ? toE164(item.phone) : null;
    const [claimed] = await platform.database.db
      .insert(viewingMessage)
      .values({
        tenantId: item.tenantId,
        viewingId: item.viewingId,
        participantId: item.participantId,
        kind: 'erinnerung',
        channel: 'sms',
        status: !to ? 'skipped' : SEVEN_API_KEY ? 'queued' : 'offline',
        detail: !to
          ? 'Keine gültige Mobilnummer beim Kontakt hinterlegt.'
          : SEVEN_API_KEY
            ? ''
            : 'Kein SMS-Gateway eingerichtet (SEVEN_API_KEY) – nichts gesendet.',
        dedupeKey: item.dedupeKey,
      })
      .onConflictDoNothing({ target: viewingMessage.dedupeKey })
      .returning({ id: viewingMessage.id });
    if (!claimed || !to || !SEVEN_API_KEY) continue;
    try {
      const result = await sendSms(
        { apiKey: SEVEN_API_KEY, baseUrl: SEVEN_API_URL, sender: SEVEN_SENDER },
        { to, text: item.text, foreignId: claimed.id },
      );
      await platform.database.db
        .update(viewingMessage)
        .set({ providerMessageId: result.id, detail: 'Vom Gateway angenommen' })
        .where(eq(viewingMessage.id, claimed.id));
      sent++;
    } catch (error) {
      const detail =
        error instanceof SmsError ? `${error.message} (${error.code})` : 'SMS-Versand fehlgeschlagen';
      platform.logger.warn({ code: error instanceof SmsError ? error.code : null }, 'viewing SMS failed');
      await platform.database.db
        .update(viewingMessage)
        .set({ status: 'failed', detail })
        .where(eq(viewingMessage.id, claimed.id));
    }
  }
  return sent;
}
