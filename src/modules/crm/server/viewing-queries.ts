import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { VIEWING_STATUSES } from '../domain/contact-enums.js';
import { contact, property, viewing, viewingContact } from '../schema.js';
import { contactDisplayName } from './contact-view.js';

/** Viewings with their property's title and visitors, in time order (at most 1,000). */
export async function loadViews(tx: Tx, filters: SQL[]) {
  const rows = await tx
    .select({ viewing, propertyTitle: property.title })
    .from(viewing)
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .where(and(...filters))
    .orderBy(viewing.startsAt)
    .limit(1000);
  const ids = rows.map((r) => r.viewing.id);
  const links = ids.length
    ? await tx
        .select({ viewingId: viewingContact.viewingId, contact })
        .from(viewingContact)
        .innerJoin(contact, eq(contact.id, viewingContact.contactId))
        .where(inArray(viewingContact.viewingId, ids))
    : [];
  return rows.map(({ viewing: v, propertyTitle }) => ({
    id: v.id,
    propertyId: v.propertyId,
    propertyTitle,
    agentId: v.agentId,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    status: v.status as (typeof VIEWING_STATUSES)[number],
    notes: v.notes,
    contacts: links
      .filter((l) => l.viewingId === v.id)
      .map((l) => ({ id: l.contact.id, displayName: contactDisplayName(l.contact) })),
  }));
}

/** An agent's viewings in a time window: what other modules ("Mein Tag") may read of the calendar. */
export const agentViewings = (tx: Tx, agentId: string, from: Date, to: Date) =>
  loadViews(tx, [eq(viewing.agentId, agentId), gte(viewing.startsAt, from), lt(viewing.startsAt, to)]);
