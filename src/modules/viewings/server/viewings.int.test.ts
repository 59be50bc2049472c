import { and, eq, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../platform/testing/test-app.js';
import { contact, property } from '../../crm/schema.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';
import { viewingMessage, viewingParticipant } from '../schema.js';
import { sendDueMessages } from './reminder-tick.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let other: TestUser;

const HOUR = 3_600_000;
const json = async (
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => {
  const response = await t.as(user, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.body ? (response.json() as never) : null };
};
const form = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const mailsTo = (email: string) =>
  t.platform.database.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), like(mailOutbox.purpose, 'viewings.%')))
    .orderBy(mailOutbox.createdAt);
const tokenOf = (url: string) => url.split('/termin/')[1] as string;

async function newListing(user: TestUser, status = 'aktiv') {
  const listing = await json(user, 'POST', '/api/crm/properties', seeblickWohnung);
  const id = (listing.body as unknown as { id: string }).id;
  if (status !== 'entwurf') await json(user, 'POST', `/api/crm/properties/${id}/status`, { status: 'aktiv' });
  if (status === 'verkauft')
    await json(user, 'POST', `/api/crm/properties/${id}/status`, { status: 'verkauft' });
  const [row] = await t.platform.database.withTenant(user.tenantId, (tx) =>
    tx.select({ slug: property.slug }).from(property).where(eq(property.id, id)),
  );
  return { id, slug: row?.slug ?? '' };
}
async function newContact(user: TestUser, lastName: string, email: string) {
  const created = await json(user, 'POST', '/api/crm/contacts', { firstName: 'Eva', lastName, email });
  return (created.body as unknown as { id: string }).id;
}
type Extras = {
  visitors: {
    participantId: string;
    name: string;
    response: string;
    visitorUrl: string;
    checkedInAt: string | null;
  }[];
  messages: { id: string; kind: string; status: string; hasIcs: boolean }[];
  bookingUrl: string | null;
};
const extras = async (viewingId: string) =>
  (await json(agent, 'GET', `/api/viewings/${viewingId}`)).body as unknown as Extras;

/** Mozilla's ical.js reads back what a phone calendar would: method, sequence, start. */
function readIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
  return {
    method: calendar.getFirstPropertyValue('method'),
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createTenant('Bodensee Immobilien');
  agent = await t.createUser(owner.tenantId, 'agent');
  other = await t.createTenant('Anderes Büro');
});
afterAll(() => t.close());

describe('a viewing from invitation to feedback', () => {
  it('invites, updates, lets visitors confirm, book, check in and answer, and counts it all', async () => {
    const listing = await newListing(agent);
    const anna = await newContact(agent, 'Anna', 'anna@example.de');
    const ben = await newContact(agent, 'Ben', 'ben@example.de');
    const startsAt = new Date(Date.now() + 26 * HOUR);
    const created = await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: listing.id,
      contactIds: [anna, ben],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    expect(created.status).toBe(201);
    const viewingId = (created.body as unknown as { id: string }).id;
    await t.platform.events.drain();

    // Invitations with an iTIP REQUEST calendar file, in the outbox (no SMTP in tests: offline).
    const [invitation] = await mailsTo('anna@example.de');
    expect(invitation?.subject).toContain('Einladung zur Besichtigung');
    expect(invitation?.status).toBe('offline');
    const ics = invitation?.attachments[0];
    expect(ics?.contentType).toContain('method=REQUEST');
    const read = readIcs(ics?.content ?? '');
    expect(read).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(read.start.getTime()).toBe(Math.floor(startsAt.getTime() / 1000) * 1000);
    let info = await extras(viewingId);
    expect(info.visitors.map((v) => v.name).sort()).toEqual(['Eva Anna', 'Eva Ben']);
    expect(info.messages.filter((m) => m.kind === 'einladung' && m.hasIcs)).toHaveLength(2);

    // Moving the viewing sends an update with a higher SEQUENCE and the same UID.
    const moved = new Date(startsAt.getTime() + HOUR);
    expect(
      (
        await json(agent, 'PATCH', `/api/crm/viewings/${viewingId}`, {
          startsAt: moved.toISOString(),
          endsAt: new Date(moved.getTime() + HOUR).toISOString(),
        })
      ).status,
    ).toBe(200);
    await t.platform.events.drain();
    const annaMails = await mailsTo('anna@example.de');
    expect(annaMails.map((m) => m.subject.split(':')[0])).toEqual([
      'Einladung zur Besichtigung',
      'Geänderter Termin',
    ]);
    expect(readIcs(annaMails[1]?.attachments[0]?.content ?? '').sequence).toBe(1);

    // A group viewing of 3 that visitors can book on the public page.
    expect(
      (
        await json(agent, 'PUT', `/api/viewings/${viewingId}/details`, {
          meetingPoint: '',
          capacity: 3,
          bookable: true,
        })
      ).status,
    ).toBe(204);
    info = await extras(viewingId);
    expect(info.bookingUrl).toContain(`/buchen/${listing.slug}`);
    const page = await t.app.inject({ method: 'GET', url: `/buchen/${listing.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('noch 1 Platz');
    const noConsent = await form(`/buchen/${listing.slug}`, {
      slot: viewingId,
      name: 'Carla Neu',
      email: 'carla@example.de',
    });
    expect(noConsent.statusCode).toBe(400);
    const booked = await form(`/buchen/${listing.slug}`, {
      slot: viewingId,
      name: 'Carla Neu',
      email: 'carla@example.de',
      privacy: 'ja',
    });
    expect(booked.statusCode).toBe(201);
    expect(booked.body).toContain('Sie sind angemeldet');
    expect(await mailsTo('carla@example.de')).toHaveLength(1);
    // Full now: the next booking is refused and stores no contact.
    const full = await form(`/buchen/${listing.slug}`, {
      slot: viewingId,
      name: 'Dora Zuspät',
      email: 'dora@example.de',
      privacy: 'ja',
    });
    expect(full.statusCode).toBe(409);
    const dora = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select().from(contact).where(eq(contact.email, 'dora@example.de')),
    );
    expect(dora).toHaveLength(0);

    // The visitor confirms through the link.
    info = await extras(viewingId);
    const annaVisitor = info.visitors.find((v) => v.name === 'Eva Anna');
    const token = tokenOf(annaVisitor?.visitorUrl ?? '');
    const visitorPage = await t.app.inject({ method: 'GET', url: `/termin/${token}` });
    expect(visitorPage.body).toContain('<svg');
    expect((await form(`/termin/${token}/antwort`, { antwort: 'bestaetigen' })).statusCode).toBe(303);
    // Check-in opens an hour before the start: a day ahead it is refused and nothing is stored.
    expect((await form(`/termin/${token}/check-in`, {})).statusCode).toBe(409);
    expect((await form(`/termin/${'x'.repeat(32)}/check-in`, {})).statusCode).toBe(404);
    info = await extras(viewingId);
    expect(info.visitors.find((v) => v.name === 'Eva Anna')).toMatchObject({
      response: 'bestaetigt',
      checkedInAt: null,
    });

    // Reminders: 24 h before once, however often the tick runs; then 2 h before.
    const tickAt = (hoursBefore: number) =>
      sendDueMessages(t.platform, new Date(moved.getTime() - hoursBefore * HOUR));
    // Visitors invited "now" count as invited before both reminder times.
    expect(await tickAt(23)).toBe(3);
    expect(await tickAt(22)).toBe(0);
    expect(await tickAt(1.5)).toBe(3);
    const reminders = await t.platform.database.db
      .select()
      .from(viewingMessage)
      .where(and(eq(viewingMessage.viewingId, viewingId), eq(viewingMessage.kind, 'erinnerung')));
    expect(reminders).toHaveLength(6);

    // The viewing takes place now: QR check-in, feedback, statistics.
    const now = new Date(Date.now() - 10 * 60_000);
    await json(agent, 'PATCH', `/api/crm/viewings/${viewingId}`, {
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + 5 * 60_000).toISOString(),
    });
    await t.platform.events.drain();
    const checkIn = await form(`/termin/${token}/check-in`, {});
    expect(checkIn.statusCode).toBe(200);
    expect(checkIn.body).toContain('Sie sind eingecheckt');
    const badFeedback = await form(`/termin/${token}/feedback`, { interest: '9' });
    expect(badFeedback.statusCode).toBe(400);
    const feedback = await form(`/termin/${token}/feedback`, {
      interest: '4',
      priceOpinion: 'angemessen',
      wantsOffer: 'ja',
      missing: 'Ein Keller',
    });
    expect(feedback.statusCode).toBe(200);
    const ben2 = (await extras(viewingId)).visitors.find((v) => v.name === 'Eva Ben');
    expect(
      (
        await json(agent, 'PUT', `/api/viewings/${viewingId}/visitors/${ben2?.participantId}/no-show`, {
          noShow: true,
        })
      ).status,
    ).toBe(204);

    const stats = (await json(agent, 'GET', `/api/viewings/stats/properties/${listing.id}`))
      .body as unknown as Record<string, unknown>;
    expect(stats).toMatchObject({
      viewings: 1,
      visitors: 3,
      checkIns: 1,
      noShows: 1,
      feedbacks: 1,
      averageInterest: 4,
      wantsOffer: 1,
    });
    const window = (from: number, to: number) =>
      `/api/viewings/stats/agents?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const agents = (await json(owner, 'GET', window(Date.now() - 48 * HOUR, Date.now() + 48 * HOUR)))
      .body as unknown as {
      items: { agentId: string; viewings: number; checkIns: number; noShows: number; wantsOffer: number }[];
    };
    expect(agents.items.find((a) => a.agentId === agent.userId)).toMatchObject({
      viewings: 1,
      checkIns: 1,
      noShows: 1,
      wantsOffer: 1,
    });
    expect((await json(owner, 'GET', window(Date.now(), Date.now() - HOUR))).status).toBe(400);
    const csv = await t.as(agent, {
      method: 'GET',
      url: `/api/viewings/stats/properties/${listing.id}/visitors.csv`,
    });
    expect(csv.body).toContain('Eva Anna');
    expect(csv.body).toContain('Besucher (QR)');

    // Feedback requests go once to those who came or may have come, not to the no-show nor to who answered.
    const afterEnd = new Date(now.getTime() + 5 * 60_000 + 2.5 * HOUR);
    expect(await sendDueMessages(t.platform, afterEnd)).toBe(1);
    expect(await sendDueMessages(t.platform, afterEnd)).toBe(0);
    expect((await mailsTo('carla@example.de')).at(-1)?.subject).toContain('gefallen');

    // Another office sees none of it.
    expect((await json(other, 'GET', `/api/viewings/${viewingId}`)).status).toBe(404);
  });

  it('cancels by iTIP CANCEL when a viewing is deleted, and refuses bad input without storing', async () => {
    const listing = await newListing(agent);
    const eva = await newContact(agent, 'Storno', 'storno@example.de');
    const startsAt = new Date(Date.now() + 50 * HOUR);
    const created = await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: listing.id,
      contactIds: [eva],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    const viewingId = (created.body as unknown as { id: string }).id;
    await t.platform.events.drain();
    expect((await json(agent, 'DELETE', `/api/crm/viewings/${viewingId}`)).status).toBe(204);
    await t.platform.events.drain();
    const mails = await mailsTo('storno@example.de');
    expect(mails.map((m) => m.subject.split(':')[0])).toEqual(['Einladung zur Besichtigung', 'Abgesagt']);
    expect(readIcs(mails[1]?.attachments[0]?.content ?? '')).toMatchObject({ method: 'CANCEL', sequence: 1 });

    // A sold listing gets no bookable slot; a group smaller than its visitors is refused.
    const sold = await newListing(agent, 'verkauft');
    const slot = await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: sold.id,
      contactIds: [eva],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    const slotId = (slot.body as unknown as { id: string }).id;
    const refused = await json(agent, 'PUT', `/api/viewings/${slotId}/details`, {
      meetingPoint: '',
      capacity: 5,
      bookable: true,
    });
    expect(refused.status).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/buchen/${sold.slug}` })).statusCode).toBe(404);
    expect(
      (
        await json(agent, 'PUT', `/api/viewings/${slotId}/details`, {
          meetingPoint: 'Parkplatz',
          capacity: 0,
          bookable: false,
        })
      ).status,
    ).toBe(400);
    expect((await extras(slotId)).bookingUrl).toBeNull();
    // End before start is refused by the CRM and sends nothing (the slot's own invitation is out first).
    await t.platform.events.drain();
    const before = (await mailsTo('storno@example.de')).length;
    const bad = await json(agent, 'PATCH', `/api/crm/viewings/${slotId}`, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() - HOUR).toISOString(),
    });
    expect(bad.status).toBe(400);
    await t.platform.events.drain();
    expect(await mailsTo('storno@example.de')).toHaveLength(before);
  });

  it('new reminder times apply to visitors already invited', async () => {
    const listing = await newListing(owner);
    const visitor = await newContact(owner, 'Umplan', 'umplan@example.de');
    const startsAt = new Date(Date.now() + 100 * HOUR);
    const created = await json(owner, 'POST', '/api/crm/viewings', {
      propertyId: listing.id,
      contactIds: [visitor],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    await t.platform.events.drain();
    const viewingId = (created.body as unknown as { id: string }).id;
    const next = async () =>
      (
        await t.platform.database.db
          .select({ at: viewingParticipant.nextReminderAt })
          .from(viewingParticipant)
          .where(eq(viewingParticipant.viewingId, viewingId))
      )[0]?.at?.getTime();
    expect(await next()).toBe(startsAt.getTime() - 24 * HOUR);
    await json(owner, 'PUT', '/api/viewings/settings', {
      durationMinutes: 45,
      reminderHours: [48, 3],
      feedbackHours: 2,
    });
    expect(await next()).toBe(startsAt.getTime() - 48 * HOUR);
    await json(owner, 'PUT', '/api/viewings/settings', {
      durationMinutes: 45,
      reminderHours: [24, 2],
      feedbackHours: 2,
    });
  });

  it('route planning: a day in Konstanz and Lindau, the impossible hop named, bad input refused', async () => {
    const place = async (title: string, city: string, latitude: number, longitude: number) => {
      const created = await json(owner, 'POST', '/api/crm/properties', {
        ...seeblickWohnung,
        title,
        city,
        latitude,
        longitude,
      });
      return (created.body as unknown as { id: string }).id;
    };
    const konstanz = await place('Altbau am Stephansplatz', 'Konstanz', 47.6603, 9.1758);
    const lindau = await place('Villa auf der Insel', 'Lindau', 47.5458, 9.6839);
    const meersburg = await place('Winzerhaus', 'Meersburg', 47.6936, 9.2714);
    const at = (time: string) => new Date(`2031-06-12T${time}:00+02:00`).toISOString();
    for (const [propertyId, from, to] of [
      [konstanz, '09:00', '09:45'],
      [meersburg, '10:30', '11:15'],
      // 45 km by road from Meersburg in 15 minutes: impossible at any order.
      [lindau, '11:30', '12:15'],
    ] as const)
      expect(
        (await json(owner, 'POST', '/api/crm/viewings', { propertyId, startsAt: at(from), endsAt: at(to) }))
          .status,
      ).toBe(201);
    const plan = (await json(owner, 'GET', '/api/viewings/route?date=2031-06-12')).body as unknown as {
      legs: { propertyTitle: string; beginAt: string }[];
      feasible: boolean;
      late: { propertyTitle: string; minutes: number }[];
      source: string;
      navigationUrl: string;
    };
    expect(plan.source).toBe('estimate');
    expect(plan.legs.map((l) => l.propertyTitle)).toEqual([
      'Altbau am Stephansplatz',
      'Winzerhaus',
      'Villa auf der Insel',
    ]);
    expect(plan.feasible).toBe(false);
    expect(plan.late[0]?.propertyTitle).toBe('Villa auf der Insel');
    expect(plan.late[0]?.minutes).toBeGreaterThan(30);
    expect(plan.navigationUrl).toContain('https://www.google.com/maps/dir/?api=1');
    // Allowed to run an hour late, the day works.
    const flexible = (await json(owner, 'GET', '/api/viewings/route?date=2031-06-12&flexMinutes=60'))
      .body as unknown as { feasible: boolean };
    expect(flexible.feasible).toBe(true);
    expect((await json(owner, 'GET', '/api/viewings/route?date=12.06.2031')).status).toBe(400);
    expect((await json(owner, 'GET', '/api/viewings/route?date=2031-06-12&startLat=47.6')).status).toBe(400);
  });

  it('an agent’s private calendar feed: shown once, readable by calendars, revocable', async () => {
    const listing = await newListing(agent);
    const startsAt = new Date(Date.now() + 30 * HOUR);
    await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: listing.id,
      agentId: agent.userId,
      contactIds: [await newContact(agent, 'Feed', 'feed@example.de')],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    expect((await json(agent, 'GET', '/api/viewings/feed')).body).toMatchObject({ active: false, url: null });
    const created = (await json(agent, 'POST', '/api/viewings/feed')).body as unknown as { url: string };
    const path = new URL(created.url).pathname;
    expect((await json(agent, 'GET', '/api/viewings/feed')).body).toMatchObject({ active: true, url: null });
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const summaries = calendar
      .getAllSubcomponents('vevent')
      .map((e) => String(e.getFirstPropertyValue('summary')));
    expect(summaries.some((s) => s.includes('Eva Feed'))).toBe(true);
    expect(feed.body).not.toContain('feed@example.de');
    // A new address revokes the old one; revoking leaves none.
    const renewed = (await json(agent, 'POST', '/api/viewings/feed')).body as unknown as { url: string };
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await json(agent, 'DELETE', '/api/viewings/feed')).status).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: new URL(renewed.url).pathname })).statusCode).toBe(404);
  });

  it('office settings: reminder times and duration are validated', async () => {
    expect(
      (
        await json(owner, 'PUT', '/api/viewings/settings', {
          durationMinutes: 60,
          reminderHours: [2, 24],
          feedbackHours: 3,
        })
      ).status,
    ).toBe(200);
    expect((await json(agent, 'GET', '/api/viewings/settings')).body).toMatchObject({
      durationMinutes: 60,
      reminderHours: [24, 2],
    });
    expect(
      (
        await json(owner, 'PUT', '/api/viewings/settings', {
          durationMinutes: 5,
          reminderHours: [24, 24],
          feedbackHours: 3,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await json(agent, 'PUT', '/api/viewings/settings', {
          durationMinutes: 60,
          reminderHours: [],
          feedbackHours: 0,
        })
      ).status,
    ).toBe(403);
  });
});
