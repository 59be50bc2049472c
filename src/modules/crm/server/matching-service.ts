import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { MatchView } from '../contract.js';
import { matchScore } from '../domain/matching.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { contact, property, searchRequest } from '../schema.js';
import { contactDisplayName } from './contact-view.js';
import type { PropertyRow } from './property-view.js';

type SearchRequestRow = typeof searchRequest.$inferSelect;

const priceOf = (p: PropertyRow) => (p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents);
const asMatchable = (p: PropertyRow) => ({ ...p, priceCents: priceOf(p) });
const asRequest = (r: SearchRequestRow) => ({
  ...r,
  minLivingArea: r.minLivingArea,
  minRooms: r.minRooms,
  maxPriceCents: r.maxPriceCents,
});

/** Property ↔ search request matching, both directions, within the caller's tenant (RLS). */
export class MatchingService {
  /** The best-matching contacts, best first; `limit` is for lists, a mailing asks for all. */
  async contactsForProperty(tx: Tx, propertyId: string, minScore = 40, limit = 100): Promise<MatchView[]> {
    const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
    if (!p) throw notFound('Objekt');
    const requests = await tx
      .select({ request: searchRequest, contact })
      .from(searchRequest)
      .innerJoin(contact, eq(contact.id, searchRequest.contactId))
      .where(and(eq(searchRequest.active, true), eq(searchRequest.marketingType, p.marketingType)));
    const byContact = new Map<string, MatchView>();
    for (const { request, contact: c } of requests) {
      const { score, reasons } = matchScore(asMatchable(p), asRequest(request));
      if (score < minScore) continue;
      const existing = byContact.get(c.id);
      if (existing && existing.score >= score) continue;
      byContact.set(c.id, {
        score,
        reasons,
        searchRequestId: request.id,
        contact: { id: c.id, displayName: contactDisplayName(c), email: c.email, leadStatus: c.leadStatus },
      });
    }
    return [...byContact.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }

  async propertiesForContact(tx: Tx, contactId: string, minScore = 40): Promise<MatchView[]> {
    const [owner] = await tx.select({ id: contact.id }).from(contact).where(eq(contact.id, contactId));
    if (!owner) throw notFound('Kontakt');
    const requests = await tx
      .select()
      .from(searchRequest)
      .where(and(eq(searchRequest.contactId, contactId), eq(searchRequest.active, true)));
    if (requests.length === 0) return [];
    const marketingTypes = [...new Set(requests.map((r) => r.marketingType))];
    const candidates = await tx
      .select()
      .from(property)
      .where(
        and(inArray(property.status, [...PUBLIC_STATUSES]), inArray(property.marketingType, marketingTypes)),
      );
    const best = new Map<string, MatchView>();
    for (const p of candidates) {
      for (const request of requests) {
        const { score, reasons } = matchScore(asMatchable(p), asRequest(request));
        if (score < minScore || (best.get(p.id)?.score ?? -1) >= score) continue;
        best.set(p.id, {
          score,
          reasons,
          searchRequestId: request.id,
          property: {
            id: p.id,
            title: p.title,
            city: p.city,
            status: p.status,
            price: priceOf(p) === null ? null : priceOf(p)! / 100,
          },
        });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, 100);
  }
}
