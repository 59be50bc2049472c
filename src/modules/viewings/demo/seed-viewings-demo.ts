import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { createRandom } from '../../crm/demo/random.js';
import { viewing, viewingContact } from '../../crm/schema.js';
import { viewingDetails, viewingFeedback, viewingParticipant } from '../schema.js';
import { newVisitorToken } from '../server/participant-sync.js';
import { rescheduleVisitors } from '../server/visitor-schedule.js';

/**
 * Visitors for the CRM's demo viewings, so the demo shows answers, check-ins, no-shows, feedback
 * and one bookable group viewing. Nothing is mailed: the demo contacts are invented.
 */
export async function seedViewingsDemo(platform: Platform, tenantId: string): Promise<void> {
  const r = createRandom(2104);
  await platform.database.withTenant(tenantId, async (tx) => {
    const links = await tx
      .select({ v: viewing, contactId: viewingContact.contactId })
      .from(viewingContact)
      .innerJoin(viewing, eq(viewing.id, viewingContact.viewingId))
      .orderBy(viewing.startsAt);
    const now = Date.now();
    for (const { v, contactId } of links) {
      const past = v.endsAt.getTime() < now;
      const held = past && v.status === 'durchgefuehrt';
      const cameIn = held && r.chance(0.8);
      const [p] = await tx
        .insert(viewingParticipant)
        .values({
          tenantId,
          viewingId: v.id,
          contactId,
          token: newVisitorToken(),
          response: v.status === 'abgesagt' ? 'abgesagt' : past || r.chance(0.6) ? 'bestaetigt' : 'offen',
          respondedAt: new Date(v.startsAt.getTime() - 20 * 3_600_000),
          checkedInAt: cameIn ? new Date(v.startsAt.getTime() + r.int(-5, 5) * 60_000) : null,
          checkedInBy: cameIn ? r.pick(['visitor', 'agent'] as const) : null,
          noShow: held && !cameIn,
        })
        .returning({ id: viewingParticipant.id });
      if (cameIn && p && r.chance(0.7))
        await tx.insert(viewingFeedback).values({
          participantId: p.id,
          tenantId,
          viewingId: v.id,
          interest: r.int(2, 5),
          priceOpinion: r.pick(['zu_hoch', 'angemessen', 'angemessen', 'guenstig'] as const),
          missing: r.pick([
            '',
            '',
            'Ein zweiter Stellplatz',
            'Mehr Stauraum im Keller',
            'Ein Balkon nach Süden',
          ]),
          wantsOffer: r.chance(0.3),
          wantsSecondViewing: r.chance(0.3),
          submittedAt: new Date(v.endsAt.getTime() + 3 * 3_600_000),
        });
    }
    await rescheduleVisitors(tx, tenantId, [...new Set(links.map((l) => l.v.id))]);
    const future = links.find(
      ({ v }) => v.startsAt.getTime() > now + 2 * 86_400_000 && v.status === 'geplant',
    );
    if (future)
      await tx
        .insert(viewingDetails)
        .values({ viewingId: future.v.id, tenantId, capacity: 6, bookable: true })
        .onConflictDoNothing();
  });
}
