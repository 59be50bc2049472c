import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { contact } from '../../crm/schema.js';
import { mailingConsent, mailingTemplate } from '../schema.js';
import { DEFAULT_OFFER_TEMPLATE } from './default-templates.js';

/**
 * The starter template, and advertising consents for the demo contacts whose CRM record says they
 * asked for matching offers — marked as demo evidence, so nobody mistakes them for real consent.
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
