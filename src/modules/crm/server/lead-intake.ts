import { eq, sql } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import '../events.js';
import { activity, contact } from '../schema.js';
import { findContactByEmail } from './contact-service.js';

export interface Inquiry {
  propertyId: string;
  propertyTitle: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  source: 'website' | 'immoscout24' | 'immowelt' | 'kleinanzeigen' | 'email';
  consentText: string;
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
    await tx.insert(activity).values({
      tenantId,
      contactId,
      propertyId: inquiry.propertyId,
      kind: 'anfrage',
      subject: `Anfrage zu „${inquiry.propertyTitle}“ (${inquiry.source})`,
      body: inquiry.message,
    });
    return { contactId, isNew: !existing };
  });
  if (result.isNew) platform.events.emit('contact.created', tenantId, { contactId: result.contactId });
  platform.events.emit('lead.created', tenantId, {
    contactId: result.contactId,
    propertyId: inquiry.propertyId,
    source: inquiry.source,
  });
  return result;
}
