import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import type { DomainEvent } from '../../../platform/events/event-map.js';
import type { Platform } from '../../../platform/kernel.js';
import '../../crm/events.js';
import { contact, property, viewingContact } from '../../crm/schema.js';
import type { VisitorMessageInput } from '../domain/visitor-message-text.js';
import { type MessageKind, viewingParticipant } from '../schema.js';
import { agentOf, loadViewingContext, propertyAddress, toVisitor, type Visitor } from './viewing-context.js';
import { type Delivery, deliver, visitorUrl } from './visitor-messages.js';
import { rescheduleVisitors } from './visitor-schedule.js';

export const newVisitorToken = () => randomBytes(24).toString('base64url');

/** Changes that make the visitor's calendar entry wrong: they get an update and confirm again. */
const RESCHEDULING = ['time', 'property'];

/**
 * Keeps the visitors of a viewing in step with the CRM's list and tells each what changed:
 * new visitors are invited, removed ones and everyone of a cancelled viewing get a cancellation,
 * a new time or place is sent as an update with a higher SEQUENCE. Past viewings send nothing.
 */
export async function syncVisitors(
  platform: Platform,
  tenantId: string,
  viewingId: string,
  fields: string[] | 'planned',
): Promise<number> {
  const plan = await platform.database.withTenant(tenantId, async (tx) => {
    const ctx = await loadViewingContext(tx, viewingId);
    if (!ctx) return null;
    const wanted = await tx
      .select({ contactId: viewingContact.contactId })
      .from(viewingContact)
      .where(eq(viewingContact.viewingId, viewingId));
    const wantedIds = new Set(wanted.map((w) => w.contactId));
    const all = await tx.select().from(viewingParticipant).where(eq(viewingParticipant.viewingId, viewingId));
    const sends: { participantId: string; kind: MessageKind }[] = [];
    const cancelled = ctx.viewing.status === 'abgesagt';
    const rescheduled = fields !== 'planned' && fields.some((f) => RESCHEDULING.includes(f));
    const reopened = fields !== 'planned' && fields.includes('status') && ctx.viewing.status === 'geplant';

    for (const p of all) {
      const keep = wantedIds.has(p.contactId);
      if (p.removedAt === null && !keep) {
        await tx
          .update(viewingParticipant)
          .set({ removedAt: new Date(), sequence: p.sequence + 1 })
          .where(eq(viewingParticipant.id, p.id));
        sends.push({ participantId: p.id, kind: 'absage' });
      } else if (p.removedAt !== null && keep) {
        await tx
          .update(viewingParticipant)
          .set({ removedAt: null, response: 'offen', respondedAt: null, sequence: p.sequence + 1 })
          .where(eq(viewingParticipant.id, p.id));
        if (!cancelled) sends.push({ participantId: p.id, kind: 'einladung' });
      } else if (p.removedAt === null && keep) {
        if (cancelled && fields !== 'planned' && fields.includes('status')) {
          await tx
            .update(viewingParticipant)
            .set({ sequence: p.sequence + 1 })
            .where(eq(viewingParticipant.id, p.id));
          sends.push({ participantId: p.id, kind: 'absage' });
        } else if (!cancelled && (rescheduled || reopened)) {
          await tx
            .update(viewingParticipant)
            .set({ sequence: p.sequence + 1, response: 'offen', respondedAt: null })
            .where(eq(viewingParticipant.id, p.id));
          sends.push({ participantId: p.id, kind: reopened ? 'einladung' : 'aktualisierung' });
        }
      }
      wantedIds.delete(p.contactId);
    }
    if (wantedIds.size > 0) {
      const created = await tx
        .insert(viewingParticipant)
        .values(
          [...wantedIds].map((contactId) => ({ tenantId, viewingId, contactId, token: newVisitorToken() })),
        )
        .returning({ id: viewingParticipant.id });
      if (!cancelled) for (const c of created) sends.push({ participantId: c.id, kind: 'einladung' });
    }
    await rescheduleVisitors(tx, tenantId, [viewingId]);
    const visitors = await visitorsByParticipant(
      tx,
      sends.map((s) => s.participantId),
    );
    return { ctx, sends, visitors };
  });
  if (!plan || plan.sends.length === 0) return 0;
  // A viewing recorded after the fact invites nobody; a cancellation of a past one tells nobody.
  if (plan.ctx.viewing.endsAt.getTime() < Date.now()) return 0;
  const base = await messageBase(platform, tenantId, {
    viewingId,
    startsAt: plan.ctx.viewing.startsAt,
    endsAt: plan.ctx.viewing.endsAt,
    propertyTitle: plan.ctx.property.title,
    meetingPoint: plan.ctx.meetingPoint,
    agentId: plan.ctx.viewing.agentId,
  });
  const deliveries: Delivery[] = plan.sends.flatMap(({ participantId, kind }) => {
    const v = plan.visitors.get(participantId);
    return v
      ? [{ tenantId, participantId, contactId: v.contactId, dedupeKey: null, input: base(kind, v) }]
      : [];
  });
  return deliver(platform, deliveries);
}

/** A deleted viewing: everyone still invited gets the cancellation, with the time it had. */
export async function cancelDeleted(
  platform: Platform,
  event: DomainEvent<'viewing.deleted'>,
): Promise<number> {
  const { viewingId, propertyId, startsAt, endsAt } = event.payload;
  if (new Date(endsAt).getTime() < Date.now()) return 0;
  const plan = await platform.database.withTenant(event.tenantId, async (tx) => {
    const active = await tx
      .update(viewingParticipant)
      .set({
        removedAt: new Date(),
        sequence: sql`${viewingParticipant.sequence} + 1`,
        nextReminderAt: null,
        feedbackAt: null,
      })
      .where(and(eq(viewingParticipant.viewingId, viewingId), isNull(viewingParticipant.removedAt)))
      .returning({ id: viewingParticipant.id });
    const [p] = await tx.select().from(property).where(eq(property.id, propertyId));
    return {
      visitors: await visitorsByParticipant(
        tx,
        active.map((a) => a.id),
      ),
      property: p,
    };
  });
  if (plan.visitors.size === 0) return 0;
  const base = await messageBase(platform, event.tenantId, {
    viewingId,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    propertyTitle: plan.property?.title ?? 'Objekt',
    meetingPoint: plan.property ? propertyAddress(plan.property) : '',
    agentId: event.actorId,
  });
  return deliver(
    platform,
    [...plan.visitors.entries()].map(([participantId, v]) => ({
      tenantId: event.tenantId,
      participantId,
      contactId: v.contactId,
      dedupeKey: null,
      input: base('absage', v),
    })),
  );
}

async function visitorsByParticipant(tx: Tx, participantIds: string[]): Promise<Map<string, Visitor>> {
  if (participantIds.length === 0) return new Map();
  const rows = await tx
    .select({ p: viewingParticipant, c: contact })
    .from(viewingParticipant)
    .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
    .where(inArray(viewingParticipant.id, participantIds));
  return new Map(rows.map(({ p, c }) => [p.id, toVisitor(p, c)]));
}

/** What every message of one viewing shares: office, agent, time and place. */
export async function messageBase(
  platform: Platform,
  tenantId: string,
  v: {
    viewingId: string;
    startsAt: Date;
    endsAt: Date;
    propertyTitle: string;
    meetingPoint: string;
    agentId: string | null;
  },
) {
  const [agent, settings] = await Promise.all([
    agentOf(platform, v.agentId),
    platform.tenantSettings.get(tenantId),
  ]);
  const office = { name: settings?.displayName ?? 'Ihr Maklerbüro', email: settings?.contactEmail ?? null };
  return (kind: MessageKind, visitor: Visitor): VisitorMessageInput => ({
    kind,
    viewingId: v.viewingId,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    propertyTitle: v.propertyTitle,
    meetingPoint: v.meetingPoint,
    agent,
    office,
    visitor,
    visitorUrl: visitorUrl(platform, visitor.token),
  });
}
