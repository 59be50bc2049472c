import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../../../platform/db/database.js';
import { contact, viewing } from '../../crm/schema.js';
import type { PropertyStats } from '../contract.js';
import { VIEWING_TIME_ZONE } from '../domain/viewing-ics.js';
import { viewingFeedback, viewingParticipant } from '../schema.js';

/** Monday of the viewing's week, in Berlin: the chart's buckets. */
const weekOf = (d: Date): string =>
  DateTime.fromJSDate(d, { zone: VIEWING_TIME_ZONE }).startOf('week').toISODate() ?? '';

/** What the figures and the visitor list need of a contact (not its search vector or notes). */
const visitorContact = {
  id: contact.id,
  kind: contact.kind,
  firstName: contact.firstName,
  lastName: contact.lastName,
  companyName: contact.companyName,
  email: contact.email,
  phone: contact.phone,
  mobile: contact.mobile,
  leadStatus: contact.leadStatus,
};

/** Every visitor of the given viewings with their answer, check-in and feedback. */
export async function visitorRows(tx: Tx, viewingIds: string[]) {
  if (viewingIds.length === 0) return [];
  return tx
    .select({ p: viewingParticipant, f: viewingFeedback, c: visitorContact })
    .from(viewingParticipant)
    .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
    .leftJoin(viewingFeedback, eq(viewingFeedback.participantId, viewingParticipant.id))
    .where(and(inArray(viewingParticipant.viewingId, viewingIds), isNull(viewingParticipant.removedAt)));
}

export type VisitorRow = Awaited<ReturnType<typeof visitorRows>>[number];

export function summarise(viewings: { id: string; status: string }[], visitors: VisitorRow[]) {
  const interests = visitors.flatMap((v) => (v.f ? [v.f.interest] : []));
  const average = interests.length
    ? Math.round((interests.reduce((a, b) => a + b, 0) / interests.length) * 10) / 10
    : null;
  return {
    viewings: viewings.length,
    held: viewings.filter((v) => v.status === 'durchgefuehrt').length,
    cancelled: viewings.filter((v) => v.status === 'abgesagt').length,
    visitors: visitors.length,
    confirmed: visitors.filter((v) => v.p.response === 'bestaetigt').length,
    checkIns: visitors.filter((v) => v.p.checkedInAt).length,
    noShows: visitors.filter((v) => v.p.noShow).length,
    feedbacks: interests.length,
    averageInterest: average,
    wantsOffer: visitors.filter((v) => v.f?.wantsOffer).length,
    wantsSecondViewing: visitors.filter((v) => v.f?.wantsSecondViewing).length,
    /** Visitors whose lead the office marked as won: the end of viewings → offers → won. */
    won: new Set(visitors.filter((v) => v.c.leadStatus === 'gewonnen').map((v) => v.c.id)).size,
  };
}

export const viewingsOfProperty = (tx: Tx, propertyId: string) =>
  tx.select().from(viewing).where(eq(viewing.propertyId, propertyId)).orderBy(viewing.startsAt).limit(5000);

/**
 * A property's viewing figures with a weekly series: its "Besichtigungen" tab and the owner report
 * (which adds the visitors' own words on what was missing, without their names).
 */
export async function propertyViewingStats(
  tx: Tx,
  propertyId: string,
): Promise<PropertyStats & { missingNotes: string[] }> {
  const viewings = await viewingsOfProperty(tx, propertyId);
  const visitors = await visitorRows(
    tx,
    viewings.map((v) => v.id),
  );
  const byWeek = new Map<string, Set<string>>();
  for (const v of viewings) {
    const key = weekOf(v.startsAt);
    const ids = byWeek.get(key) ?? new Set<string>();
    ids.add(v.id);
    byWeek.set(key, ids);
  }
  const opinions = { zu_hoch: 0, angemessen: 0, guenstig: 0 };
  for (const v of visitors) if (v.f?.priceOpinion) opinions[v.f.priceOpinion]++;
  return {
    propertyId,
    ...summarise(viewings, visitors),
    priceOpinions: opinions,
    weeks: [...byWeek.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, ids]) => {
        const s = summarise(
          viewings.filter((v) => ids.has(v.id)),
          visitors.filter((v) => ids.has(v.p.viewingId)),
        );
        return {
          week,
          viewings: s.viewings,
          checkIns: s.checkIns,
          noShows: s.noShows,
          averageInterest: s.averageInterest,
        };
      }),
    missingNotes: visitors.flatMap((v) => (v.f?.missing.trim() ? [v.f.missing.trim()] : [])),
  };
}
