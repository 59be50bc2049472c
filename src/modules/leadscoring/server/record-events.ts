import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import type { EventKind } from '../domain/lead-facts.js';
import { leadEvent, trackingVisitor } from '../schema.js';
import { rescore } from './score-service.js';

export interface NewLeadEvent {
  contactId: string | null;
  visitorId?: string | null;
  kind: EventKind;
  propertyId?: string | null;
  session?: string | null;
  value?: number | null;
  wantsOffer?: boolean;
  machine?: boolean;
  /** `demo`: sample signals of the demo office, never of a real visitor. */
  source: 'tracking' | 'viewings' | 'mail' | 'inbox' | 'crm' | 'demo';
  /** A delivery of the same thing twice (a retried event, a repeated check-in) records once. */
  sourceRef?: string | null;
  occurredAt?: Date;
}

/** Stores signs of interest and rescores the contacts they belong to. */
export async function recordLeadEvents(
  platform: Platform,
  tenantId: string,
  events: NewLeadEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const inserted = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .insert(leadEvent)
      .values(
        events.map((e) => ({
          tenantId,
          contactId: e.contactId,
          visitorId: e.visitorId ?? null,
          kind: e.kind,
          propertyId: e.propertyId ?? null,
          session: e.session ?? null,
          value: e.value ?? null,
          wantsOffer: e.wantsOffer ?? false,
          machine: e.machine ?? false,
          source: e.source,
          sourceRef: e.sourceRef ?? null,
          occurredAt: e.occurredAt ?? new Date(),
        })),
      )
      .onConflictDoNothing()
      .returning({ contactId: leadEvent.contactId }),
  );
  const contacts = [...new Set(inserted.map((r) => r.contactId).filter((id): id is string => id !== null))];
  if (contacts.length > 0) await rescore(platform, tenantId, contacts);
  return inserted.length;
}

/**
 * The visitor identified itself (sent a form, opened a personal link): it and its earlier
 * anonymous events now belong to the contact. A visitor already tied to another contact stays
 * with it — a shared computer does not merge two people.
 */
export async function linkVisitor(
  platform: Platform,
  tenantId: string,
  visitorId: string,
  contactId: string,
) {
  const linked = await platform.database.withTenant(tenantId, async (tx) => {
    const [visitor] = await tx
      .update(trackingVisitor)
      .set({ contactId })
      .where(and(eq(trackingVisitor.id, visitorId), isNull(trackingVisitor.contactId)))
      .returning({ id: trackingVisitor.id });
    if (!visitor) return false;
    await tx
      .update(leadEvent)
      .set({ contactId })
      .where(and(inArray(leadEvent.visitorId, [visitorId]), isNull(leadEvent.contactId)));
    return true;
  });
  if (linked) await rescore(platform, tenantId, [contactId]);
  return linked;
}
