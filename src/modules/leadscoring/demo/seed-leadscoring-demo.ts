import { and, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { createRandom } from '../../crm/demo/random.js';
import { contact } from '../../crm/schema.js';
import type { EventKind } from '../domain/lead-facts.js';
import { leadEvent, leadQualification, trackingVisitor } from '../schema.js';
import { retrainModel } from '../server/score-service.js';

const DAY_MS = 86_400_000;
/** How far along each lead status usually is: the further, the more signals it leaves. */
const STAGE: Record<string, number> = {
  neu: 0,
  kontaktiert: 1,
  qualifiziert: 2,
  besichtigung: 3,
  angebot: 4,
  // Lost leads often got as far as a viewing; won ones did not always show every signal.
  gewonnen: 3,
  verloren: 2,
};

/**
 * The demo office's leads get what a real office would have recorded: qualification for the
 * further ones and signals of interest fitting their status, all from the source `demo`, so
 * they are never mistaken for real visitors. Then the close model is trained and everyone scored.
 */
export async function seedLeadScoringDemo(platform: Platform, tenantId: string): Promise<void> {
  const random = createRandom(24);
  const now = Date.now();
  await platform.database.withTenant(tenantId, async (tx) => {
    const leads = await tx
      .select({ id: contact.id, leadStatus: contact.leadStatus })
      .from(contact)
      .where(and(eq(contact.isDemo, true), inArray(contact.leadStatus, Object.keys(STAGE))));
    const qualifications: (typeof leadQualification.$inferInsert)[] = [];
    const events: (typeof leadEvent.$inferInsert)[] = [];
    for (const lead of leads) {
      const stage = STAGE[lead.leadStatus] ?? 0;
      if (stage >= 2 || random.chance(0.2))
        qualifications.push({
          contactId: lead.id,
          tenantId,
          financingConfirmedAt: random.chance(0.15 + 0.1 * stage)
            ? new Date(now - random.int(2, 40) * DAY_MS)
            : null,
          equityCents: random.int(4, 40) * 10_000_00,
          netIncomeMonthlyCents: random.int(28, 95) * 100_00,
          expensesMonthlyCents: random.chance(0.5) ? random.int(8, 25) * 100_00 : null,
          updatedBy: 'Demo-Daten',
        });
      // Closed leads stopped showing interest around their outcome; open ones recently.
      const lastActive =
        lead.leadStatus === 'gewonnen' || lead.leadStatus === 'verloren' ? random.int(20, 120) : 0;
      const add = (kind: EventKind, extra: Partial<typeof leadEvent.$inferInsert> = {}) =>
        events.push({
          tenantId,
          contactId: lead.id,
          kind,
          source: 'demo',
          occurredAt: new Date(
            now - (lastActive + random.int(0, 20)) * DAY_MS - random.int(0, 86_000) * 1000,
          ),
          ...extra,
        });
      const visits = random.int(0, 2 + 2 * stage);
      for (let v = 0; v < visits; v++) add('page_view', { session: `demo-${lead.id}-${v}` });
      for (let v = 0; v < random.int(0, stage); v++) add('expose_view');
      if (stage >= 2 && random.chance(0.5)) add(random.pick(['gallery', 'floor_plan', 'tour_3d'] as const));
      if (stage >= 3) add('viewing_attended');
      if (stage >= 3 && random.chance(0.7)) {
        const interest = lead.leadStatus === 'verloren' ? random.int(1, 3) : random.int(3, 5);
        add('feedback', { value: interest, wantsOffer: interest >= 4 });
      }
      if (stage >= 1 && random.chance(0.6)) add('reply');
    }
    if (qualifications.length > 0) await tx.insert(leadQualification).values(qualifications);
    // Web signals need a consent behind them; the demo's is marked as demo.
    const webKinds = new Set<string>(['page_view', 'expose_view', 'gallery', 'floor_plan', 'tour_3d']);
    const browsing = [
      ...new Set(events.filter((e) => webKinds.has(e.kind)).map((e) => e.contactId as string)),
    ];
    if (browsing.length > 0)
      await tx.insert(trackingVisitor).values(
        browsing.map((contactId) => ({
          tenantId,
          contactId,
          consentAt: new Date(now - 60 * DAY_MS),
          consentVersion: 'Demo-Daten',
        })),
      );
    for (let i = 0; i < events.length; i += 500) await tx.insert(leadEvent).values(events.slice(i, i + 500));
  });
  await retrainModel(platform, tenantId);
}
