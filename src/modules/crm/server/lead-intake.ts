import { and, eq, inArray, sql } from 'drizzle-orm';
import { tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import { activity, contact, property, searchRequest } from '../schema.js';
import { findContactByEmail } from './contact-service.js';

export interface Inquiry {
  propertyId: string;
  propertyTitle: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  source: InquirySource;
  consentText: string;
  /** The sender's analytics id on the listing page, when it consented to tracking (see lead.created). */
  visitorId?: string | null;
}

export const INQUIRY_SOURCE_LABELS = {
  website: 'Website',
  immoscout24: 'ImmoScout24',
  immowelt: 'Immowelt',
  kleinanzeigen: 'Kleinanzeigen',
  email: 'E-Mail',
} as const;
export type InquirySource = keyof typeof INQUIRY_SOURCE_LABELS;

/** The timeline entry's subject names the channel last, in brackets: "Anfrage zu „…“ (immowelt)". */
export const inquirySubject = (propertyTitle: string, source: InquirySource) =>
  `Anfrage zu „${propertyTitle}“ (${source})`;

/** The channel an inquiry came through, read back from its timeline subject; null if it names none. */
export function inquirySourceOf(subject: string): InquirySource | null {
  const key = /\(([a-z0-9]+)\)$/.exec(subject.trim())?.[1];
  return key && key in INQUIRY_SOURCE_LABELS ? (key as InquirySource) : null;
}

/**
 * A portal or website inquiry: finds the contact by e-mail (or creates one), records the
 * consent and the inquiry on the timeline, and announces the lead. Returns the contact id.
 */
export async function recordInquiry(
  platform: Platform,
  tenantId: string,
  inquiry: Inquiry,
): Promise<{ contactId: string; isNew: boolean }> {
  const [firstName, ...rest] = inquiry.name.trim().split(/\s+/);
  const lastName = rest.length > 0 ? rest.join(' ') : (firstName ?? inquiry.name);
  const result = await platform.database.withTenant(tenantId, async (tx) => {
    const existing = await findContactByEmail(tx, inquiry.email);
    let contactId: string;
    if (existing) {
      contactId = existing.id;
      await tx
        .update(contact)
        .set({
          phone: existing.phone ?? inquiry.phone,
          consentGiven: true,
          consentAt: new Date(),
          consentPurpose: inquiry.consentText,
          roles: sql`case when ${contact.roles} @> '["interessent"]'::jsonb then ${contact.roles} else ${contact.roles} || '["interessent"]'::jsonb end`,
          updatedAt: new Date(),
        })
        .where(eq(contact.id, existing.id));
    } else {
      const [created] = await tx
        .insert(contact)
        .values({
          tenantId,
          kind: 'person',
          firstName: rest.length > 0 ? firstName : null,
          lastName,
          email: inquiry.email,
          phone: inquiry.phone,
          roles: ['interessent'],
          leadStatus: 'neu',
          source: inquiry.source,
          consentGiven: true,
          consentAt: new Date(),
          consentPurpose: inquiry.consentText,
        })
        .returning({ id: contact.id });
      contactId = created!.id;
    }
    await deriveSearchRequest(tx, tenantId, contactId, inquiry.propertyId);
    await tx.insert(activity).values({
      tenantId,
      contactId,
      propertyId: inquiry.propertyId,
      kind: 'anfrage',
      subject: inquirySubject(inquiry.propertyTitle, inquiry.source),
      body: inquiry.message,
    });
    return { contactId, isNew: !existing };
  });
  if (result.isNew) platform.events.emit('contact.created', tenantId, { contactId: result.contactId });
  await notifyLead(platform, tenantId, result.contactId, inquiry);
  platform.events.emit('lead.created', tenantId, {
    contactId: result.contactId,
    propertyId: inquiry.propertyId,
    source: inquiry.source,
    visitorId: inquiry.visitorId ?? null,
  });
  return result;
}

/**
 * A first inquiry tells us what the person looks for: a search request like the property
 * (same type and place, price up to +10 %, area from -15 %, one room less), so the lead
 * matches this listing and similar ones at once. Contacts with a search request keep theirs.
 */
async function deriveSearchRequest(tx: Tx, tenantId: string, contactId: string, propertyId: string) {
  const [existing] = await tx
    .select({ id: searchRequest.id })
    .from(searchRequest)
    .where(and(eq(searchRequest.contactId, contactId), eq(searchRequest.active, true)))
    .limit(1);
  if (existing) return;
  const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
  if (!p) return;
  const price = p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents;
  await tx.insert(searchRequest).values({
    tenantId,
    contactId,
    marketingType: p.marketingType,
    objectTypes: [p.objectType],
    cities: [p.city],
    maxPriceCents: price === null ? null : Math.round((price * 1.1) / 100) * 100,
    minLivingArea: p.livingArea === null ? null : Math.floor(p.livingArea * 0.85),
    minRooms: p.rooms === null ? null : Math.max(1, p.rooms - 1),
  });
}

/**
 * The contact's agent hears of the inquiry; a contact without one goes to the office's owners
 * and admins, so no lead waits unseen.
 */
async function notifyLead(
  platform: Platform,
  tenantId: string,
  contactId: string,
  inquiry: Pick<Inquiry, 'propertyTitle' | 'source'>,
): Promise<void> {
  const recipients = await platform.database.withTenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({ agentId: contact.assignedAgentId, first: contact.firstName, last: contact.lastName })
      .from(contact)
      .where(eq(contact.id, contactId));
    if (row?.agentId)
      return { userIds: [row.agentId], name: [row.first, row.last].filter(Boolean).join(' ') };
    const leads = await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(and(eq(tenantMember.organizationId, tenantId), inArray(tenantMember.role, ['owner', 'admin'])));
    return { userIds: leads.map((m) => m.userId), name: [row?.first, row?.last].filter(Boolean).join(' ') };
  });
  await platform.notifications.notify({
    tenantId,
    userIds: recipients.userIds,
    kind: 'lead_new',
    title: `Neue Anfrage${recipients.name ? ` von ${recipients.name}` : ''} zu „${inquiry.propertyTitle}“`,
    body: `Quelle: ${inquiry.source}`,
    link: `/kontakte/${contactId}`,
  });
}
