import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../../platform/mail/mail.schema.js';
import { createTestApp, type TestApp, type TestUser } from '../../../../platform/testing/test-app.js';
import { property } from '../../../crm/schema.js';
import { calendarConnection } from '../../schema.js';
import { calendarTestKit } from '../../test/calendar-test-kit.js';
import { type Radicale, radicaleInstalled, startRadicale } from '../../test/radicale.js';

/**
 * The CalDAV round trip against a real server: Debian's radicale 3, which .ci/run installs. What
 * the agent's phone does (move, delete, add a private appointment) is done here with plain WebDAV
 * requests as RFC 4791 describes them, not with ImmoXX's own client.
 */
const installed = radicaleInstalled();
if (!installed && process.env.CI) throw new Error('CI must install radicale (see .ci/run)');

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let radicale: Radicale;
let calendarUrl: string;

const HOUR = 3_600_000;
const { json, sync, until, plan } = calendarTestKit(
  () => t,
  () => agent,
);

/** What the phone sees: every object in the calendar with its ETag and text. */
async function objects(): Promise<{ href: string; etag: string; ics: string }[]> {
  const r = await fetch(calendarUrl, {
    method: 'REPORT',
    headers: { authorization: radicale.auth, depth: '1', 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  const xml = await r.text();
  return [...xml.matchAll(/<response>([\s\S]*?)<\/response>/g)].map((m) => ({
    href: /<href>([^<]+)<\/href>/.exec(m[1] as string)?.[1] ?? '',
    etag: (/<getetag>([^<]+)<\/getetag>/.exec(m[1] as string)?.[1] ?? '').replace(/&quot;/g, '"'),
    ics: (/<C:calendar-data[^>]*>([\s\S]*?)<\/C:calendar-data>/i.exec(m[1] as string)?.[1] ?? '').replace(
      /&#13;/g,
      '\r',
    ),
  }));
}
const objectOf = async (viewingId: string) =>
  (await objects()).find((o) => o.ics.includes(`UID:besichtigung-${viewingId}@immoxx`));

beforeAll(async () => {
  if (!installed) return;
  radicale = await startRadicale();
  // The agent's calendar exists before ImmoXX connects, as on any phone.
  calendarUrl = `${radicale.url}${radicale.username}/termine/`;
  const made = await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: radicale.auth } });
  expect(made.status).toBe(201);
  t = await createTestApp();
  owner = await t.createTenant('Bodensee Immobilien');
  agent = await t.createUser(owner.tenantId, 'agent');
});
afterAll(async () => {
  await t?.close();
  radicale?.stop();
});

describe.skipIf(!installed)('CalDAV two-way sync with radicale', () => {
  it('refuses a wrong password and a calendar the login does not own, and stores nothing', async () => {
    const wrong = await json(agent, 'POST', '/api/viewings/calendar/caldav/discover', {
      serverUrl: radicale.url,
      username: radicale.username,
      password: 'falsch',
    });
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('Anmeldung');
    const foreign = await json(agent, 'POST', '/api/viewings/calendar/caldav', {
      serverUrl: radicale.url,
      username: radicale.username,
      password: radicale.password,
      calendarUrl: 'http://127.0.0.1:1/fremd/',
    });
    expect(foreign.status).toBe(422);
    expect((await json(agent, 'GET', '/api/viewings/calendar')).body.connection).toBeNull();
  });

  it('create in ImmoXX → in the calendar; move there → moves here; delete → gone on both sides; no duplicates', async () => {
    const anna = await json(agent, 'POST', '/api/crm/contacts', {
      firstName: 'Anna',
      lastName: 'Sommer',
      email: 'anna.sommer@example.de',
    });
    const before = await plan(new Date(Date.now() + 48 * HOUR), [anna.body.id as string]);

    const found = await json(agent, 'POST', '/api/viewings/calendar/caldav/discover', {
      serverUrl: radicale.url,
      username: radicale.username,
      password: radicale.password,
    });
    expect(found.status).toBe(200);
    const calendars = found.body.calendars as { url: string; name: string }[];
    expect(calendars.map((c) => c.url)).toContain(calendarUrl);
    const connected = await json(agent, 'POST', '/api/viewings/calendar/caldav', {
      serverUrl: radicale.url,
      username: radicale.username,
      password: radicale.password,
      calendarUrl,
    });
    expect(connected.status).toBe(201);
    // The password is sealed, never stored or returned in clear.
    expect(JSON.stringify(connected.body)).not.toContain(radicale.password);
    const [row] = await t.platform.database.db.select().from(calendarConnection);
    expect(row?.secretSealed).not.toContain(radicale.password);

    // The viewing planned before connecting goes in with the first round (a job).
    const first = await until('the first round', () => objectOf(before));
    expect(first.ics).toContain('SUMMARY:Besichtigung: Anna Sommer');
    expect(first.ics).not.toMatch(/ORGANIZER|ATTENDEE|METHOD/);

    // A viewing planned now goes in by itself; one on the last Sunday of March in local time.
    const dst = await plan(new Date('2027-03-28T08:00:00Z'));
    const dstObject = await until('the March viewing', () => objectOf(dst));
    expect(dstObject.ics).toContain('DTSTART;TZID=Europe/Berlin:20270328T100000');
    expect(dstObject.ics).toContain('BEGIN:VTIMEZONE');

    // The agent moves it on the phone by an hour (a PUT with If-Match, as RFC 4791 §5.3.2 has it).
    const moved = dstObject.ics
      .replace('DTSTART;TZID=Europe/Berlin:20270328T100000', 'DTSTART;TZID=Europe/Berlin:20270328T113000')
      .replace('DTEND;TZID=Europe/Berlin:20270328T110000', 'DTEND;TZID=Europe/Berlin:20270328T123000');
    const put = await fetch(new URL(dstObject.href, radicale.url), {
      method: 'PUT',
      headers: { authorization: radicale.auth, 'if-match': dstObject.etag, 'content-type': 'text/calendar' },
      body: moved,
    });
    expect(put.status).toBe(201);
    expect(await sync()).toMatchObject({ moved: 1, deleted: 0 });
    const after = await json(agent, 'GET', `/api/crm/viewings/${dst}`);
    expect(after.body.startsAt).toBe('2027-03-28T09:30:00.000Z');
    // ImmoXX does not write the moved event back (its own content already matches).
    const etagAfterMove = (await objectOf(dst))?.etag;
    expect(await sync()).toMatchObject({ moved: 0, pushed: 0 });
    expect((await objectOf(dst))?.etag).toBe(etagAfterMove);

    // A half-finished edit on the phone (ends when it starts) does not move the viewing: ImmoXX's
    // version is written back over it, so both sides agree again.
    const broken = (await objectOf(dst)) as { href: string; etag: string; ics: string };
    const zeroLength = broken.ics.replace(
      /DTEND;TZID=Europe\/Berlin:\d{8}T\d{6}/,
      'DTEND;TZID=Europe/Berlin:20270328T113000',
    );
    await fetch(new URL(broken.href, radicale.url), {
      method: 'PUT',
      headers: { authorization: radicale.auth, 'if-match': broken.etag, 'content-type': 'text/calendar' },
      body: zeroLength,
    });
    expect(await sync()).toMatchObject({ moved: 0 });
    expect((await json(agent, 'GET', `/api/crm/viewings/${dst}`)).body.startsAt).toBe(
      '2027-03-28T09:30:00.000Z',
    );
    expect((await objectOf(dst))?.ics).toContain('DTEND;TZID=Europe/Berlin:20270328T123000');

    // Moving in ImmoXX replaces the event (same object, new time), with the ETag we last saw.
    const patched = await json(agent, 'PATCH', `/api/crm/viewings/${before}`, {
      startsAt: new Date(Date.now() + 50 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 51 * HOUR).toISOString(),
    });
    expect(patched.status).toBe(200);
    await t.platform.events.drain();
    await until('the moved viewing', async () => (await objectOf(before))?.etag !== first.etag);

    // The visitor hears of the move made on the phone like of one made in ImmoXX.
    const annaMails = await t.platform.database.db
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, 'anna.sommer@example.de'), like(mailOutbox.purpose, 'viewings.%')));
    expect(annaMails.map((m) => m.subject.split(':')[0])).toContain('Geänderter Termin');

    // Deleted in ImmoXX → gone from the calendar.
    expect((await json(agent, 'DELETE', `/api/crm/viewings/${before}`)).status).toBe(204);
    await t.platform.events.drain();
    await until('the deletion', async () => !(await objectOf(before)));

    // Deleted on the phone → gone in ImmoXX.
    const gone = await objectOf(dst);
    const del = await fetch(new URL(gone?.href ?? '', radicale.url), {
      method: 'DELETE',
      headers: { authorization: radicale.auth, 'if-match': gone?.etag ?? '' },
    });
    expect(del.status).toBe(200);
    expect(await sync()).toMatchObject({ deleted: 1 });
    expect((await json(agent, 'GET', `/api/crm/viewings/${dst}`)).status).toBe(404);

    // Several rounds later: one object per live viewing, nothing duplicated.
    const third = await plan(new Date(Date.now() + 72 * HOUR));
    await sync();
    await sync();
    const all = await objects();
    expect(all.filter((o) => o.ics.includes('@immoxx'))).toHaveLength(1);
    expect(all[0]?.ics).toContain(`besichtigung-${third}@immoxx`);
  });

  it("turns the agent's other appointments into busy times; free ones and deleted ones do not block", async () => {
    const dentist = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Apple Inc.//iPhone OS 18.0//EN',
      'BEGIN:VEVENT',
      'UID:zahnarzt-1@icloud.com',
      'DTSTAMP:20261201T100000Z',
      `DTSTART:${new Date(Date.now() + 30 * HOUR).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
      `DTEND:${new Date(Date.now() + 31 * HOUR).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
      'SUMMARY:Zahnarzt',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const free = dentist
      .replace('zahnarzt-1', 'geburtstag-1')
      .replace('SUMMARY:Zahnarzt', 'TRANSP:TRANSPARENT');
    for (const [name, body] of [
      ['zahnarzt.ics', dentist],
      ['geburtstag.ics', free],
    ] as const) {
      const r = await fetch(`${calendarUrl}${name}`, {
        method: 'PUT',
        headers: { authorization: radicale.auth, 'content-type': 'text/calendar', 'if-none-match': '*' },
        body,
      });
      expect(r.status).toBe(201);
    }
    expect(await sync()).toMatchObject({ busy: 1 });
    const from = new Date(Date.now() + 24 * HOUR).toISOString();
    const to = new Date(Date.now() + 48 * HOUR).toISOString();
    const busy = await json(agent, 'GET', `/api/viewings/busy?agentId=${agent.userId}&from=${from}&to=${to}`);
    expect(busy.body.busy).toHaveLength(1);
    // Only times are kept: the title stays on the phone.
    expect(JSON.stringify(busy.body)).not.toContain('Zahnarzt');

    // A group slot at the dentist's hour is not offered on the public booking page.
    const slot = await plan(new Date(Date.now() + 30 * HOUR));
    const details = await json(agent, 'PUT', `/api/viewings/${slot}/details`, {
      meetingPoint: '',
      capacity: 4,
      bookable: true,
    });
    expect(details.status).toBe(204);
    const { propertyId } = (await json(agent, 'GET', `/api/crm/viewings/${slot}`)).body as {
      propertyId: string;
    };
    const [listing] = await t.platform.database.withTenant(owner.tenantId, (tx) =>
      tx.select({ slug: property.slug }).from(property).where(eq(property.id, propertyId)),
    );
    const bookingPage = async () =>
      (await t.app.inject({ method: 'GET', url: `/buchen/${listing?.slug}` })).body;
    expect(await bookingPage()).not.toContain(`value="${slot}"`);

    // Deleted on the phone → no longer busy, and the slot is offered again.
    await fetch(`${calendarUrl}zahnarzt.ics`, {
      method: 'DELETE',
      headers: { authorization: radicale.auth },
    });
    await sync();
    expect(
      (await json(agent, 'GET', `/api/viewings/busy?agentId=${agent.userId}&from=${from}&to=${to}`)).body
        .busy,
    ).toHaveLength(0);
    expect(await bookingPage()).toContain(`value="${slot}"`);

    // An event carrying a colleague's viewing UID (copied or forged) cannot cancel or move it.
    const colleague = await t.createUser(owner.tenantId, 'agent');
    const theirs = await json(colleague, 'POST', '/api/crm/viewings', {
      propertyId,
      agentId: colleague.userId,
      startsAt: new Date(Date.now() + 80 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 81 * HOUR).toISOString(),
    });
    expect(theirs.status).toBe(201);
    const forged = dentist
      .replace('UID:zahnarzt-1@icloud.com', `UID:besichtigung-${theirs.body.id}@immoxx`)
      .replace('SUMMARY:Zahnarzt', 'STATUS:CANCELLED');
    await fetch(`${calendarUrl}kopie.ics`, {
      method: 'PUT',
      headers: { authorization: radicale.auth, 'content-type': 'text/calendar' },
      body: forged,
    });
    expect(await sync()).toMatchObject({ deleted: 0, moved: 0 });
    expect((await json(colleague, 'GET', `/api/crm/viewings/${theirs.body.id}`)).status).toBe(200);

    const state = await json(agent, 'GET', '/api/viewings/calendar');
    expect(state.body.connection).toMatchObject({
      provider: 'caldav',
      lastError: null,
      viewingsInCalendar: 2,
    });
  });
});
