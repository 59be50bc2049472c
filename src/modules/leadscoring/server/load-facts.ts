import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { type MatchableProperty, matchScore } from '../../crm/domain/matching.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { contact, property, searchRequest } from '../../crm/schema.js';
import { emptyFacts, type LeadFacts } from '../domain/lead-facts.js';
import type { SegmentFacts } from '../domain/segments.js';
import { leadEvent, leadQualification } from '../schema.js';
import { buyingPower } from './buying-power.js';

/** The CRM's own threshold for a match in its lists, so "passt zu 3 Objekten" agrees with them. */
const MATCH_MIN_SCORE = 40;

export interface LoadedLead {
  contactId: string;
  /** What the segments ask beyond score and last signal. */
  profile: Omit<SegmentFacts, 'total' | 'lastSignalAt'>;
  leadStatus: string;
  /** When the contact last changed: for a won or lost lead, when its outcome was recorded. */
  updatedAt: Date;
  facts: LeadFacts;
}

/** The active listings a search profile can match; read once per scoring run. */
export async function activeListings(tx: Tx): Promise<MatchableProperty[]> {
  const rows = await tx
    .select({
      marketingType: property.marketingType,
      objectType: property.objectType,
      city: property.city,
      postalCode: property.postalCode,
      livingArea: property.livingArea,
      rooms: property.rooms,
      purchasePriceCents: property.purchasePriceCents,
      coldRentCents: property.coldRentCents,
      features: property.features,
    })
    .from(property)
    .where(inArray(property.status, [...PUBLIC_STATUSES]));
  return rows.map((p) => ({
    ...p,
    priceCents: p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents,
  }));
}

// Map.groupBy arrives with Node 21; this runs on Node 20.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Everything the score needs of these contacts, in five queries whatever their number. */
export async function loadFacts(
  tx: Tx,
  contactIds: readonly string[],
  listings: readonly MatchableProperty[],
  eventsSince: Date,
): Promise<LoadedLead[]> {
  if (contactIds.length === 0) return [];
  const ids = [...contactIds];
  const [contacts, qualifications, requests, events] = await Promise.all([
    tx.select().from(contact).where(inArray(contact.id, ids)),
    tx.select().from(leadQualification).where(inArray(leadQualification.contactId, ids)),
    tx
      .select()
      .from(searchRequest)
      .where(and(inArray(searchRequest.contactId, ids), eq(searchRequest.active, true))),
    tx
      .select({
        contactId: leadEvent.contactId,
        kind: leadEvent.kind,
        at: leadEvent.occurredAt,
        session: leadEvent.session,
        value: leadEvent.value,
        wantsOffer: leadEvent.wantsOffer,
        machine: leadEvent.machine,
      })
      .from(leadEvent)
      .where(and(inArray(leadEvent.contactId, ids), gte(leadEvent.occurredAt, eventsSince))),
  ]);
  const qualificationOf = new Map(qualifications.map((q) => [q.contactId, q]));
  const requestsOf = groupBy(requests, (r) => r.contactId);
  const eventsOf = groupBy(events, (e) => e.contactId ?? '');
  return contacts.map((c) => {
    const facts = emptyFacts();
    facts.hasName = Boolean(c.lastName || c.companyName);
    facts.hasEmail = Boolean(c.email);
    facts.hasPhone = Boolean(c.phone || c.mobile);
    facts.hasAddress = Boolean(c.street && c.postalCode && c.city);
    const q = qualificationOf.get(c.id);
    if (q) {
      facts.financingConfirmed = q.financingConfirmedAt !== null;
      facts.equityCents = q.equityCents;
      facts.netIncomeMonthlyCents = q.netIncomeMonthlyCents;
      facts.buyingPowerCents = buyingPower(q);
    }
    const own = requestsOf.get(c.id) ?? [];
    const purchasePrices = own
      .filter((r) => r.marketingType === 'kauf' && r.maxPriceCents !== null)
      .map((r) => r.maxPriceCents as number);
    facts.searchMaxPriceCents = purchasePrices.length > 0 ? Math.max(...purchasePrices) : null;
    facts.matchingListings = listings.filter((listing) =>
      own.some((r) => matchScore(listing, r).score >= MATCH_MIN_SCORE),
    ).length;
    facts.events = eventsOf.get(c.id) ?? [];
    const profile = {
      leadStatus: c.leadStatus,
      kind: c.kind,
      roles: c.roles,
      country: c.country,
      phones: [c.phone, c.mobile].filter((p): p is string => Boolean(p)),
      searches: own.map((r) => ({ marketingType: r.marketingType, objectTypes: r.objectTypes })),
      createdAt: c.createdAt,
    };
    return { contactId: c.id, leadStatus: c.leadStatus, updatedAt: c.updatedAt, facts, profile };
  });
}
