import { and, eq, gt, inArray, isNull, lte, ne, notExists, sql } from 'drizzle-orm';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property, viewing } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { dueReminder, FEEDBACK_GRACE_MS, nextReminderAfter } from '../domain/reminder-due.js';
import { composeVisitorMessage } from '../domain/visitor-message-text.js';
import { viewingDetails, viewingFeedback, viewingParticipant, viewingSettings } from '../schema.js';
import { DEFAULT_SETTINGS, propertyAddress } from './viewing-context.js';
import { type Delivery, deliver, deliverSms, visitorUrl } from './visitor-messages.js';
import { setSchedule } from './visitor-schedule.js';

/** Rows per tick and kind; what is left is due already and comes next minute. */
const BATCH = 5000;

/**
 * One pass over all offices (owner connection): reminders and feedback requests that are due now,
 * read by their due instants (indexed). Each goes out once — the dedupe key is claimed before the
 * mail is written — however often the tick runs and on however many servers. Returns how many
 * messages were written.
 */
export async function sendDueMessages(platform: Platform, now = new Date()): Promise<number> {
  const db = platform.database.db;
  const columns = {
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
      id: contact.id,
      kind: contact.kind,
      firstName: contact.firstName,
      lastName: contact.lastName,
      companyName: contact.companyName,
      email: contact.email,
      phone: contact.phone,
      mobile: contact.mobile,
    },
    s: viewingSettings,
  };
  const joined = () =>
    db
      .select(columns)
      .from(viewingParticipant)
      .innerJoin(viewing, eq(viewing.id, viewingParticipant.viewingId))
      .innerJoin(property, eq(property.id, viewing.propertyId))
      .innerJoin(contact, eq(contact.id, viewingParticipant.contactId))
      .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
      .leftJoin(viewingSettings, eq(viewingSettings.tenantId, viewing.tenantId));
  const reminders = await joined().where(lte(viewingParticipant.nextReminderAt, now)).limit(BATCH);
  const feedbacks = await joined()
    .where(
      and(
        lte(viewingParticipant.feedbackAt, now),
        gt(viewingParticipant.feedbackAt, new Date(now.getTime() - FEEDBACK_GRACE_MS)),
        eq(viewingParticipant.noShow, false),
        isNull(viewingParticipant.removedAt),
        ne(viewingParticipant.response, 'abgesagt'),
        ne(viewing.status, 'abgesagt'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(viewingFeedback)
            .where(eq(viewingFeedback.participantId, viewingParticipant.id)),
        ),
      ),
    )
    .limit(BATCH);

  const due: { row: DueRow; kind: 'erinnerung' | 'feedback'; key: string }[] = [];
  const nextTimes: { id: string; nextReminderAt: Date | null }[] = [];
  for (const row of reminders) {
    const hours = row.s?.reminderHours ?? DEFAULT_SETTINGS.reminderHours;
    const stillOn = row.v.status === 'geplant' && row.p.removedAt === null && row.p.response !== 'abgesagt';
    const h = stillOn ? dueReminder(row.v.startsAt, now, hours) : null;
    // The start time is part of the key: a moved viewing is reminded of again.
    if (h !== null)
      due.push({
        row,
        kind: 'erinnerung',
        key: `erinnerung:${row.p.id}:${row.v.startsAt.toISOString()}:${h}`,
      });
    nextTimes.push({
      id: row.p.id,
      nextReminderAt: stillOn ? nextReminderAfter(row.v.startsAt, now, hours) : null,
    });
  }
  for (const row of feedbacks) due.push({ row, kind: 'feedback', key: `feedback:${row.p.id}` });
  const deliveries = due.length > 0 ? await deliveriesOf(platform, due) : [];
  const sent = deliveries.length > 0 ? await deliver(platform, deliveries) : 0;
  // Offices that want SMS reminders get one next to the mail, with its own key.
  const sms = due.flatMap((d, i) => {
    const delivery = deliveries[i];
    if (d.kind !== 'erinnerung' || !d.row.s?.smsReminders || !delivery) return [];
    return [
      {
        tenantId: d.row.v.tenantId,
        participantId: d.row.p.id,
        viewingId: d.row.v.id,
        dedupeKey: `${d.key}:sms`,
        phone: d.row.c.mobile ?? d.row.c.phone,
        text: composeVisitorMessage(delivery.input).sms,
      },
    ];
  });
  if (sms.length > 0) await deliverSms(platform, sms);
  await setSchedule(db, [...nextTimes, ...feedbacks.map((r) => ({ id: r.p.id, feedbackAt: null }))]);
  return sent;
}

async function deliveriesOf(
  platform: Platform,
  due: { row: DueRow; kind: 'erinnerung' | 'feedback'; key: string }[],
): Promise<Delivery[]> {
  const agentIds = [...new Set(due.map((d) => d.row.v.agentId).filter((id): id is string => Boolean(id)))];
  const agents = agentIds.length
    ? new Map(
        (
          await platform.database.db
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
  return due.map(({ row, kind, key }) => ({
    tenantId: row.v.tenantId,
    participantId: row.p.id,
    contactId: row.c.id,
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
}

interface DueRow {
  p: typeof viewingParticipant.$inferSelect;
  v: typeof viewing.$inferSelect;
  title: string;
  address: { street: string | null; houseNumber: string | null; postalCode: string; city: string };
  meetingPoint: string | null;
  c: {
    id: string;
    kind: string;
    firstName: string | null;
    lastName: string | null;
    companyName: string | null;
    email: string | null;
    phone: string | null;
    mobile: string | null;
  };
  s: typeof viewingSettings.$inferSelect | null;
}
