import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import {
  leadEvent,
  leadQualification,
  leadScore,
  segment,
  segmentMember,
  trackedMail,
  trackingVisitor,
} from '../schema.js';

/** Everything lead scoring keeps about one contact, for the contact's data export. */
export async function leadScoringExport(tx: Tx, contactId: string): Promise<Record<string, unknown>> {
  const [score, qualification, visitors, events, mails, segments] = await Promise.all([
    tx.select().from(leadScore).where(eq(leadScore.contactId, contactId)),
    tx.select().from(leadQualification).where(eq(leadQualification.contactId, contactId)),
    tx
      .select({
        id: trackingVisitor.id,
        consentAt: trackingVisitor.consentAt,
        consentVersion: trackingVisitor.consentVersion,
        lastSeenAt: trackingVisitor.lastSeenAt,
      })
      .from(trackingVisitor)
      .where(eq(trackingVisitor.contactId, contactId)),
    tx
      .select({
        kind: leadEvent.kind,
        occurredAt: leadEvent.occurredAt,
        propertyId: leadEvent.propertyId,
        value: leadEvent.value,
        machine: leadEvent.machine,
        source: leadEvent.source,
      })
      .from(leadEvent)
      .where(eq(leadEvent.contactId, contactId))
      .orderBy(asc(leadEvent.occurredAt)),
    // The sealed links are left out: they are the office's mail content, not data about the person.
    tx
      .select({ id: trackedMail.id, purpose: trackedMail.purpose, sentAt: trackedMail.sentAt })
      .from(trackedMail)
      .where(eq(trackedMail.contactId, contactId)),
    tx
      .select({ name: segment.name, since: segmentMember.since })
      .from(segmentMember)
      .innerJoin(segment, eq(segment.id, segmentMember.segmentId))
      .where(eq(segmentMember.contactId, contactId)),
  ]);
  const s = score[0];
  return {
    score: s
      ? {
          total: s.total,
          computedTotal: s.computedTotal,
          summary: s.summary,
          factors: s.factors,
          closeProbability: s.closeProbability,
          override:
            s.overrideTotal === null
              ? null
              : { total: s.overrideTotal, reason: s.overrideReason, by: s.overrideBy },
          computedAt: s.computedAt,
        }
      : null,
    qualification: qualification.map(({ tenantId: _t, ...q }) => q)[0] ?? null,
    trackingConsents: visitors,
    events,
    measuredMails: mails,
    segments,
  };
}
