import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../platform/testing/test-app.js';
import { calendarTestKit } from '../../test/calendar-test-kit.js';
import { type GoogleFake, startGoogleFake } from '../../test/google-calendar-fake.js';
import { googleEventId } from './google-calendar-client.js';

let t: TestApp;
let owner: TestUser;
let agent: TestUser;
let google: GoogleFake;

const HOUR = 3_600_000;
const { json, sync, until, plan } = calendarTestKit(
  () => t,
  () => agent,
);

beforeAll(async () => {
  google = await startGoogleFake();
  t = await createTestApp({
    env: {
      GOOGLE_CLIENT_ID: google.clientId,
      GOOGLE_CLIENT_SECRET: google.clientSecret,
      GOOGLE_OAUTH_URL: google.url,
      GOOGLE_TOKEN_URL: `${google.url}/token`,
      GOOGLE_CALENDAR_API_URL: `${google.url}/calendar/v3`,
    },
  });
  owner = await t.createTenant('Bodensee Immobilien');
  agent = await t.createUser(owner.tenantId, 'agent');
});
afterAll(async () => {
  await t?.close();
  await google?.close();
});

describe('Google Calendar sync against a fake of the documented API', () => {
  it('connects by OAuth, refuses a forged state, and keeps the refresh token sealed', async () => {
    const forged = await json(agent, 'GET', '/api/viewings/calendar/google/callback?code=x&state=123.abc');
    expect(forged.status).toBe(302);
    expect(forged.headers.location).toContain('kalenderfehler=state_invalid');
    expect((await json(agent, 'GET', '/api/viewings/calendar')).body.connection).toBeNull();

    const start = await json(agent, 'POST', '/api/viewings/calendar/google/start');
    expect(start.status).toBe(200);
    const consent = new URL(start.body.authorizeUrl as string);
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/calendar.events');
    // The agent agrees on Google's page, which sends the browser back with a code.
    const granted = await fetch(consent, { redirect: 'manual' });
    const back = new URL(granted.headers.get('location') ?? '');
    const callback = await json(agent, 'GET', `${back.pathname}${back.search}`);
    expect(callback.headers.location).toContain('kalender=verbunden');
    const state = await json(agent, 'GET', '/api/viewings/calendar');
    expect(state.body.connection).toMatchObject({ provider: 'google' });
    expect(JSON.stringify(state.body)).not.toMatch(/1\/\/|ya29/);
  });

  it('pushes with client ids (no duplicate after a lost answer), pulls moves and deletions, survives rate limits and an expired sync token', async () => {
    // The insert is stored but its answer lost (503): the retry gets 409 and takes the event over.
    google.loseNextInsertAnswer();
    const first = await plan(new Date('2026-10-25T09:00:00Z'));
    await t.platform.events.drain();
    const id = googleEventId(first);
    const event = await until(
      'the insert',
      () => google.events.get(id)?.summary?.includes('Besichtigung') && google.events.get(id),
    );
    // The last Sunday of October: 10:00 in Berlin is CET again.
    expect(event.start).toEqual({ dateTime: '2026-10-25T10:00:00+01:00', timeZone: 'Europe/Berlin' });
    await until('the retried insert', () =>
      google.calls.some((c) => c.method === 'PUT' && c.path.endsWith(id)),
    );
    expect(
      [...google.events.values()].filter((e) => e.extendedProperties?.private?.immoxxViewingId === first),
    ).toHaveLength(1);
    expect(
      google.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/events')).map((c) => c.status),
    ).toEqual([503, 409]);

    // Moved in Google Calendar (the agent drags it by two hours): ImmoXX follows.
    google.edit(id, {
      start: { dateTime: '2026-10-25T12:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-10-25T13:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    // Rate limited twice on the way: the documented backoff gets through.
    google.failNext(2, 403, 'rateLimitExceeded');
    expect(await sync()).toMatchObject({ moved: 1 });
    expect((await json(agent, 'GET', `/api/crm/viewings/${first}`)).body.startsAt).toBe(
      '2026-10-25T11:00:00.000Z',
    );
    const putsAfterMove = google.calls.filter((c) => c.method === 'PUT').length;
    await sync();
    expect(google.calls.filter((c) => c.method === 'PUT').length).toBe(putsAfterMove);

    // A moved ImmoXX viewing while Google changed it too: If-Match fails (412), the client reads
    // the new ETag and writes ImmoXX's newer change over it, once.
    google.edit(id, { description: 'Notiz vom Handy' });
    await json(agent, 'PATCH', `/api/crm/viewings/${first}`, {
      startsAt: '2026-10-25T14:00:00.000Z',
      endsAt: '2026-10-25T15:00:00.000Z',
    });
    await t.platform.events.drain();
    await until(
      'the update after 412',
      () => google.events.get(id)?.start.dateTime === '2026-10-25T15:00:00+01:00',
    );
    expect(google.calls.some((c) => c.method === 'PUT' && c.status === 412)).toBe(true);

    // Other appointments become busy times; a transparent one does not.
    google.insertForeign({
      id: 'zahnarzt0001',
      summary: 'Zahnarzt',
      start: { dateTime: '2026-12-20T09:00:00+01:00' },
      end: { dateTime: '2026-12-20T10:00:00+01:00' },
    });
    google.insertForeign({
      id: 'geburtstag01',
      summary: 'Geburtstag',
      transparency: 'transparent',
      start: { date: '2026-12-21' },
      end: { date: '2026-12-22' },
    });
    expect(await sync()).toMatchObject({ busy: 1 });

    // Google drops the sync token (410): a full sync follows, nothing is duplicated or lost.
    google.expireSyncTokens();
    await sync();
    expect(google.calls.some((c) => c.status === 410)).toBe(true);
    const busy = await json(
      agent,
      'GET',
      `/api/viewings/busy?agentId=${agent.userId}&from=2026-12-19T00:00:00Z&to=2026-12-23T00:00:00Z`,
    );
    expect(busy.body.busy).toEqual([
      { startsAt: '2026-12-20T08:00:00.000Z', endsAt: '2026-12-20T09:00:00.000Z' },
    ]);

    // Deleted in Google → deleted in ImmoXX; deleted in ImmoXX → cancelled in Google.
    const second = await plan(new Date(Date.now() + 30 * HOUR));
    await t.platform.events.drain();
    await until('the second insert', () => google.events.get(googleEventId(second)));
    google.edit(id, { status: 'cancelled' });
    expect(await sync()).toMatchObject({ deleted: 1 });
    expect((await json(agent, 'GET', `/api/crm/viewings/${first}`)).status).toBe(404);
    await json(agent, 'DELETE', `/api/crm/viewings/${second}`);
    await t.platform.events.drain();
    await until('the cancellation', () => google.events.get(googleEventId(second))?.status === 'cancelled');
    const live = [...google.events.values()].filter(
      (e) => e.status === 'confirmed' && e.extendedProperties?.private?.immoxxViewingId,
    );
    expect(live).toHaveLength(0);
  });
});
