import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../../platform/db/database.js';
import { contact } from '../../crm/schema.js';
import { MatchingService } from '../../crm/server/matching-service.js';
import type { AudienceEntry, ConsentView, SkipReason } from '../contract.js';
import { mailingCampaign, mailingConsent, mailingRecipient } from '../schema.js';

export const consentViewOf = (c: typeof mailingConsent.$inferSelect): ConsentView => ({
  source: c.source,
  evidence: c.evidence,
  grantedAt: c.grantedAt.toISOString(),
  recordedBy: c.recordedBy,
  revokedAt: c.revokedAt?.toISOString() ?? null,
  revokedVia: c.revokedVia,
});

/** Why a contact may not get this offer, or null: the same rule at preview and at sending. */
export function skipReason(
  email: string | null,
  consent: typeof mailingConsent.$inferSelect | undefined,
  alreadyOffered: boolean,
): SkipReason | null {
  if (!email) return 'keine_email';
  if (!consent) return 'keine_einwilligung';
  if (consent.revokedAt) return 'abgemeldet';
  if (alreadyOffered) return 'bereits_angeboten';
  return null;
}

export async function consentsOf(tx: Tx, contactIds: string[]) {
  if (contactIds.length === 0) return new Map<string, typeof mailingConsent.$inferSelect>();
  const rows = await tx.select().from(mailingConsent).where(inArray(mailingConsent.contactId, contactIds));
  return new Map(rows.map((r) => [r.contactId, r]));
}

/** Contacts who already got this listing in an earlier mailing (sent, not merely planned). */
export async function alreadyOfferedSet(tx: Tx, propertyId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ contactId: mailingRecipient.contactId })
    .from(mailingRecipient)
    .innerJoin(mailingCampaign, eq(mailingCampaign.id, mailingRecipient.campaignId))
    .where(and(eq(mailingCampaign.propertyId, propertyId), eq(mailingRecipient.state, 'gesendet')));
  return new Set(rows.map((r) => r.contactId));
}

/**
 * The contacts whose active search profile matches the listing, with consent and what would skip
 * them; with `within` (a segment's condition on the contact id) only those in it.
 */
export async function audienceFor(
  tx: Tx,
  propertyId: string,
  within: ((contactId: AnyPgColumn) => SQL) | null = null,
): Promise<AudienceEntry[]> {
  const all = await new MatchingService().contactsForProperty(tx, propertyId, 40, Number.POSITIVE_INFINITY);
  let matches = all;
  if (within && all.length > 0) {
    const inside = await tx
      .select({ id: contact.id })
      .from(contact)
      .where(
        and(
          inArray(
            contact.id,
            all.map((m) => m.contact!.id),
          ),
          within(contact.id),
        ),
      );
    const ids = new Set(inside.map((r) => r.id));
    matches = all.filter((m) => ids.has(m.contact!.id));
  }
  const ids = matches.map((m) => m.contact!.id);
  const consents = await consentsOf(tx, ids);
  const offered = await alreadyOfferedSet(tx, propertyId);
  return matches.map((m) => {
    const c = m.contact!;
    const email = c.email;
    const consent = consents.get(c.id);
    return {
      contactId: c.id,
      name: c.displayName,
      email,
      score: m.score,
      reasons: m.reasons,
      consent: consent ? consentViewOf(consent) : null,
      skip: skipReason(email, consent, offered.has(c.id)),
    };
  });
}
