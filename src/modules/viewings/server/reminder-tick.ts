import { and, eq, gt, inArray, isNull, lte, ne, notExists, sql } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property, viewing } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { dueReminder, feedbackDue } from '../domain/reminder-due.js';
import { viewingDetails, viewingFeedback, viewingParticipant, viewingSettings } from '../schema.js';
import { DEFAULT_SETTINGS, propertyAddress } from './viewing-context.js';
import { type Delivery, deliver, visitorUrl } from './visitor-messages.js';

const HOUR = 3_600_000;
/** Longest reminder time an office may set (settingsBody) and the feedback window behind the end. */
const LOOK_AHEAD = 168 * HOUR;
const LOOK_BACK = (168 + 72) * HOUR;

/**
 * One pass over all offices (owner connection): reminders and feedback requests that are due now.
 * Each goes out once — the dedupe key is claimed before the mail is written — however often the
 * tick runs and on however many servers. Returns how many messages were written.
 */
export async function sendDueMessages(platform: Platform, now = new Date()): Promise<number> {
  const db = platform.database.db;
  const base = {
    p: viewingParticipant,
    v: viewing,
    title: property.title,
    address: {
      street: property.street,
      houseNumber: property.houseNumber,
      postalCode: property.postalCode,
      city: property.city,
    },
    meetingPoint: viewingDetails.meetingPoint,
    c: {
      kind: contact.kind,
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyName: contact.companyName,
      email: contact.email,
    },
    s: viewingSettings,
  };
  const upcoming = await db
    .select(base)
    .from(viewingParticipant)
    .innerJoin(viewing, eq(viewing.id, viewingParticipant.viewingId))
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
    .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
    .leftJoin(viewingSettings, eq(viewingSettings.tenantId, viewing.tenantId))
    .where(
      and(
        eq(viewing.status, 'geplant'),
        isNull(viewingParticipant.removedAt),
        ne(viewingParticipant.response, 'abgesagt'),
        gt(viewing.startsAt, now),
        lte(viewing.startsAt, new Date(now.getTime() + LOOK_AHEAD)),
      ),
    );
  const ended = await db
    .select(base)
    .from(viewingParticipant)
    .innerJoin(viewing, eq(viewing.id, viewingParticipant.viewingId))
    .innerJoin(property, eq(property.id, viewing.propertyId))
    .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
    .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
    .leftJoin(viewingSettings, eq(viewingSettings.tenantId, viewing.tenantId))
    .where(
      and(
        ne(viewing.status, 'abgesagt'),
        isNull(viewingParticipant.removedAt),
        ne(viewingParticipant.response, 'abgesagt'),
        eq(viewingParticipant.noShow, false),
        lte(viewing.endsAt, now),
        gt(viewing.endsAt, new Date(now.getTime() - LOOK_BACK)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(viewingFeedback)
            .where(eq(viewingFeedback.participantId, viewingParticipant.id)),
        ),
      ),
    );

  const due: { row: (typeof upcoming)[number]; kind: 'erinnerung' | 'feedback'; key: string }[] = [];
  for (const row of upcoming) {
    const hours = row.s?.reminderHours ?? DEFAULT_SETTINGS.reminderHours;
    const h = dueReminder(row.v.startsAt, row.p.createdAt, now, hours);
    // The start time is part of the key: a moved viewing is reminded of again.
    if (h !== null)
      due.push({
        row,
        kind: 'erinnerung',
        key: `erinnerung:${row.p.id}:${row.v.startsAt.toISOString()}:${h}`,
      });
  }
  for (const row of ended) {
    const hours = row.s?.feedbackHours ?? DEFAULT_SETTINGS.feedbackHours;
    if (feedbackDue(row.v.endsAt, now, hours))
      due.push({ row, kind: 'feedback', key: `feedback:${row.p.id}` });
  }
  if (due.length === 0) return 0;

  const agentIds = [...new Set(due.map((d) => d.row.v.agentId).filter((id): id is string => Boolean(id)))];
  const agents = agentIds.length
    ? new Map(
        (
          await db
            .select({ id: authUser.id, name: authUser.name, email: authUser.email })
            .from(authUser)
            .where(inArray(authUser.id, agentIds))
        ).map((a) => [a.id, { name: a.name, email: a.email }]),
      )
    : new Map<string, { name: string; email: string }>();
  const offices = new Map<string, { name: string; email: string | null }>();
  for (const tenantId of new Set(due.map((d) => d.row.v.tenantId))) {
    const s = await platform.tenantSettings.get(tenantId);
    offices.set(tenantId, { name: s?.displayName ?? 'Ihr Maklerbüro', email: s?.contactEmail ?? null });
  }
  const deliveries: Delivery[] = due.map(({ row, kind, key }) => ({
    tenantId: row.v.tenantId,
    participantId: row.p.id,
    dedupeKey: key,
    input: {
      kind,
      viewingId: row.v.id,
      startsAt: row.v.startsAt,
      endsAt: row.v.endsAt,
      propertyTitle: row.title,
      meetingPoint: row.meetingPoint || propertyAddress(row.address),
      agent: row.v.agentId ? (agents.get(row.v.agentId) ?? null) : null,
      office: offices.get(row.v.tenantId) ?? { name: 'Ihr Maklerbüro', email: null },
      visitor: {
        name: contactDisplayName(row.c),
        email: row.c.email,
        token: row.p.token,
        response: row.p.response,
        sequence: row.p.sequence,
      },
      visitorUrl: visitorUrl(platform, row.p.token),
    },
  }));
  return deliver(platform, deliveries);
}
