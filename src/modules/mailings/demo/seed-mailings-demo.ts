import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property } from '../../crm/schema.js';
import { mailingConsent, mailingTemplate, ownerReportSetting } from '../schema.js';
import { DEFAULT_OFFER_TEMPLATE } from './default-templates.js';

/**
 * The starter template, and advertising consents for the demo contacts whose CRM record says they
 * asked for matching offers — marked as demo evidence, so nobody mistakes them for real consent.
 * Three active listings get an owner for the owner report (weekly off: the demo mails nobody).
 */
export async function seedMailingsDemo(platform: Platform, tenantId: string): Promise<void> {
  await platform.database.withTenant(tenantId, async (tx) => {
    await tx.insert(mailingTemplate).values({ tenantId, ...DEFAULT_OFFER_TEMPLATE });
    const asked = await tx
      .select({ id: contact.id, at: contact.consentAt })
      .from(contact)
      .where(
        and(
          eq(contact.isDemo, true),
          eq(contact.consentGiven, true),
          eq(contact.consentPurpose, 'Zusendung passender Immobilienangebote'),
        ),
      );
    await seedOwnerReports(tx, tenantId);
    if (asked.length === 0) return;
    await tx.insert(mailingConsent).values(
      asked.map((c) => ({
        tenantId,
        contactId: c.id,
        grantedAt: c.at ?? new Date(),
        source: 'formular' as const,
        evidence: 'Demo-Daten: Häkchen „Passende Angebote per E-Mail“ im Anfrageformular',
      })),
    );
  });
}

async function seedOwnerReports(tx: Tx, tenantId: string): Promise<void> {
  const owners = await tx
    .select({ id: contact.id })
    .from(contact)
    .where(
      and(
        eq(contact.isDemo, true),
        sql`${contact.roles} @> ${JSON.stringify(['eigentuemer'])}::jsonb`,
        isNotNull(contact.email),
      ),
    )
    .orderBy(asc(contact.lastName))
    .limit(3);
  const listings = await tx
    .select({ id: property.id })
    .from(property)
    .where(and(eq(property.isDemo, true), eq(property.status, 'aktiv')))
    .orderBy(asc(property.externalId))
    .limit(owners.length);
  if (listings.length === 0) return;
  await tx.insert(ownerReportSetting).values(
    listings.map((l, i) => ({
      tenantId,
      propertyId: l.id,
      ownerContactId: owners[i]?.id ?? null,
      weekly: false,
      assessment:
        'Die Nachfrage ist gut. Wir empfehlen, den Angebotspreis bis Monatsende zu halten und nach den nächsten Besichtigungen neu zu bewerten.',
    })),
  );
}
