import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import { activity, property } from '../../crm/schema.js';
import { findContactByEmail } from '../../crm/server/contact-service.js';
import { recordInquiry } from '../../crm/server/lead-intake.js';
import { issueExposeLink } from '../../crm/server/secured-expose.js';
import type { ParsedMail } from '../domain/mail-input.js';
import type { MessageOutcome } from '../domain/message-enums.js';
import { type ParsedInquiry, readInquiry } from '../domain/portal-inquiry.js';
import { inboxMessage } from '../schema.js';

const PORTAL_NAME: Record<ParsedInquiry['portal'], string> = {
  immoscout24: 'ImmoScout24',
  immowelt: 'Immowelt',
  kleinanzeigen: 'Kleinanzeigen',
  openimmo: 'OpenImmo-Feedback',
};

export interface IntakeResult {
  outcome: MessageOutcome | 'schon_vorhanden';
  reason?: string;
}

/**
 * One received mail into ImmoXX, at most once per mailbox and UID. A portal inquiry goes through
 * the same lead intake as the website form (contact matched by e-mail or created, search request
 * derived, timeline entry) and the enquirer gets the personal exposé link; a portal mail that
 * cannot be read stays with the reason; other mail is filed on the contact it comes from.
 */
export async function takeIn(
  platform: Platform,
  tenantId: string,
  mailboxId: string,
  uid: number,
  mail: ParsedMail,
): Promise<IntakeResult> {
  const [row] = await platform.database.withTenant(tenantId, async (tx) => {
    // An answer to a mail of this mailbox (ours or theirs) joins that conversation.
    const [parent] = mail.inReplyTo
      ? await tx
          .select({ id: inboxMessage.id, threadId: inboxMessage.threadId })
          .from(inboxMessage)
          .where(and(eq(inboxMessage.mailboxId, mailboxId), eq(inboxMessage.messageId, mail.inReplyTo)))
          .limit(1)
      : [];
    return tx
      .insert(inboxMessage)
      .values({
        tenantId,
        mailboxId,
        uid,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        threadId: parent ? (parent.threadId ?? parent.id) : null,
        fromAddress: mail.fromAddress,
        fromName: mail.fromName,
        subject: mail.subject.slice(0, 500),
        text: mail.text.slice(0, 100_000),
        receivedAt: mail.date,
        outcome: 'nicht_erkannt',
        reason: 'Wird verarbeitet …',
      })
      .onConflictDoNothing({ target: [inboxMessage.mailboxId, inboxMessage.uid] })
      .returning({ id: inboxMessage.id });
  });
  if (!row) return { outcome: 'schon_vorhanden' };
  const settle = (set: Partial<typeof inboxMessage.$inferInsert>) =>
    platform.database.withTenant(tenantId, (tx) =>
      tx.update(inboxMessage).set(set).where(eq(inboxMessage.id, row.id)),
    );

  const read = readInquiry(mail);
  if (read.kind === 'unreadable') {
    await settle({ outcome: 'nicht_erkannt', portal: read.portal, reason: read.reason });
    return { outcome: 'nicht_erkannt', reason: read.reason };
  }
  if (read.kind === 'none') {
    const contactId = await platform.database.withTenant(tenantId, async (tx) => {
      const c = mail.fromAddress ? await findContactByEmail(tx, mail.fromAddress) : undefined;
      if (!c) return null;
      await tx.insert(activity).values({
        tenantId,
        contactId: c.id,
        kind: 'email',
        subject: `E-Mail erhalten: ${mail.subject || '(ohne Betreff)'}`.slice(0, 300),
        body: mail.text.slice(0, 4000),
      });
      return c.id;
    });
    await settle({ outcome: 'mail', reason: null, contactId });
    if (contactId)
      platform.events.emit('inbox.mail_from_contact', tenantId, {
        messageId: row.id,
        contactId,
        receivedAt: mail.date.toISOString(),
      });
    return { outcome: 'mail' };
  }

  const inquiry = read.inquiry;
  const listing = await platform.database.withTenant(tenantId, async (tx) => {
    if (inquiry.externalId) {
      const [byNumber] = await tx.select().from(property).where(eq(property.externalId, inquiry.externalId));
      if (byNumber) return byNumber;
    }
    if (inquiry.listingTitle) {
      const byTitle = await tx
        .select()
        .from(property)
        .where(sql`lower(${property.title}) = lower(${inquiry.listingTitle})`)
        .limit(2);
      if (byTitle.length === 1) return byTitle[0];
    }
    return undefined;
  });
  if (!listing) {
    const reason = inquiry.externalId
      ? `Kein Objekt mit der Nummer ${inquiry.externalId} gefunden.`
      : `Kein eindeutiges Objekt zu „${inquiry.listingTitle ?? inquiry.portalObjectId ?? '?'}“ gefunden.`;
    await settle({ outcome: 'nicht_erkannt', portal: inquiry.portal, reason });
    return { outcome: 'nicht_erkannt', reason };
  }
  if (!inquiry.email) {
    const reason = 'Keine E-Mail-Adresse des Interessenten.';
    await settle({ outcome: 'nicht_erkannt', portal: inquiry.portal, reason, propertyId: listing.id });
    return { outcome: 'nicht_erkannt', reason };
  }
  const settings = await platform.tenantSettings.get(tenantId);
  const { contactId } = await recordInquiry(platform, tenantId, {
    propertyId: listing.id,
    propertyTitle: listing.title,
    name: inquiry.name,
    email: inquiry.email,
    phone: inquiry.phone,
    message: inquiry.message,
    source: inquiry.portal === 'openimmo' ? 'email' : inquiry.portal,
    consentText: `Bearbeitung der Anfrage über ${PORTAL_NAME[inquiry.portal]} zu Objekt ${listing.externalId} durch ${settings?.displayName ?? 'das Maklerbüro'}`,
  });
  await issueExposeLink(platform, tenantId, listing, contactId);
  await settle({
    outcome: 'anfrage',
    portal: inquiry.portal,
    reason: null,
    contactId,
    propertyId: listing.id,
  });
  return { outcome: 'anfrage' };
}
