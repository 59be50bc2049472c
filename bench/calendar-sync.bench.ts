// Calendar sync against a real CalDAV server (Debian's radicale): the demo owner with
// BENCH_CALENDAR_VIEWINGS upcoming viewings (300 by default) connects a calendar. We time the first
// round (every viewing in), an idle round (RFC 6578 sync token, nothing changed), a round after
// 20 events were moved "on the phone", and, as the naive baseline, a round that lists the whole
// calendar again (no token), and count objects to show nothing was duplicated.
//   npm run bench:calendar   (needs `radicale` installed)
import { eq } from 'drizzle-orm';
import { property, viewing } from '../src/modules/crm/schema.js';
import { calendarConnection } from '../src/modules/viewings/schema.js';
import { syncConnection } from '../src/modules/viewings/server/calendar/calendar-jobs.js';
import { radicaleInstalled, startRadicale } from '../src/modules/viewings/test/radicale.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const VIEWINGS = Number(process.env.BENCH_CALENDAR_VIEWINGS ?? 300);
const HOUR = 3_600_000;
if (!radicaleInstalled()) {
  console.error('radicale is not installed (sudo apt-get install radicale)');
  process.exit(1);
}

const radicale = await startRadicale();
const { platform, as, close } = await startInProcess('calendar', {
  INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true',
});
const calendarUrl = `${radicale.url}${radicale.username}/besichtigungen/`;
const objects = async () => {
  const r = await fetch(calendarUrl, {
    method: 'PROPFIND',
    headers: { authorization: radicale.auth, depth: '1' },
  });
  return [...(await r.text()).matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1] as string);
};
// The rounds call the sync directly: the HTTP route allows ten a minute per user.
const round = async () => {
  const [c] = await platform.database.db.select().from(calendarConnection);
  if (!c) throw new Error('not connected');
  const began = performance.now();
  const result = await syncConnection(platform, c.tenantId, c.id);
  return { ms: performance.now() - began, result };
};

try {
  await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: radicale.auth } });
  const me = (await as('GET', '/api/me')).json() as { user: { id: string } };
  const [listing] = await platform.database.db.select().from(property).limit(1);
  if (!listing) throw new Error('demo office has no listing');
  const start = Math.ceil((Date.now() + 2 * 24 * HOUR) / HOUR) * HOUR;
  await platform.database.withTenant(listing.tenantId, (tx) =>
    tx.insert(viewing).values(
      Array.from({ length: VIEWINGS }, (_, i) => ({
        tenantId: listing.tenantId,
        propertyId: listing.id,
        agentId: me.user.id,
        startsAt: new Date(start + i * 2 * HOUR),
        endsAt: new Date(start + i * 2 * HOUR + HOUR),
      })),
    ),
  );

  const connectedAt = performance.now();
  const connected = await as('POST', '/api/viewings/calendar/caldav', {
    serverUrl: radicale.url,
    username: radicale.username,
    password: radicale.password,
    calendarUrl,
  });
  if (connected.statusCode !== 201) throw new Error(`connect ${connected.statusCode}: ${connected.body}`);
  // The first round runs as a job: wait for its end.
  for (;;) {
    const [c] = await platform.database.db.select().from(calendarConnection);
    if (c?.lastSyncAt) break;
    if (c?.lastError) throw new Error(c.lastError);
    await new Promise((r) => setTimeout(r, 100));
  }
  const firstRound = performance.now() - connectedAt;
  const afterFirst = await objects();
  const own = await platform.database.db
    .select({ id: viewing.id })
    .from(viewing)
    .where(eq(viewing.agentId, me.user.id));
  console.log(
    `first round: ${own.length} viewings of the agent → ${afterFirst.length} objects in ${(firstRound / 1000).toFixed(1)} s (${(firstRound / own.length).toFixed(1)} ms per viewing)`,
  );

  const idle: number[] = [];
  for (let i = 0; i < 10; i++) idle.push((await round()).ms);
  idle.sort((a, b) => a - b);

  // 20 events moved by an hour on the phone (GET, rewrite, PUT with If-Match).
  const moved = afterFirst.slice(0, 20);
  for (const href of moved) {
    const url = new URL(href, radicale.url);
    const got = await fetch(url, { headers: { authorization: radicale.auth } });
    const etag = got.headers.get('etag') ?? '';
    const original = await got.text();
    // An hour later in the morning, an hour earlier in the afternoon: never across midnight.
    const startHour = Number(/DTSTART;TZID=Europe\/Berlin:\d{8}T(\d{2})/.exec(original)?.[1] ?? 12);
    const shift = startHour < 12 ? 1 : -1;
    const text = original.replace(
      /(DTSTART|DTEND);TZID=Europe\/Berlin:(\d{8})T(\d{2})/g,
      (_, name: string, d: string, h: string) =>
        `${name};TZID=Europe/Berlin:${d}T${String(Number(h) + shift).padStart(2, '0')}`,
    );
    await fetch(url, {
      method: 'PUT',
      headers: { authorization: radicale.auth, 'if-match': etag, 'content-type': 'text/calendar' },
      body: text,
    });
  }
  const changed = await round();

  // Naive baseline: forget the token, list and compare the whole calendar again.
  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    await platform.database.db.update(calendarConnection).set({ syncToken: null });
    full.push((await round()).ms);
  }
  full.sort((a, b) => a - b);
  const afterAll = await objects();
  console.log(`idle round (sync token): p50 ${percentile(idle, 50)} ms, p95 ${percentile(idle, 95)} ms`);
  console.log(
    `round after 20 moves on the phone: ${changed.ms.toFixed(0)} ms, ${JSON.stringify(changed.result)}`,
  );
  console.log(
    `naive full listing (no token): p50 ${percentile(full, 50)} ms → ${(percentile(full, 50) / percentile(idle, 50)).toFixed(1)}× the token round`,
  );
  console.log(
    `objects after all rounds: ${afterAll.length} (distinct ${new Set(afterAll).size}), duplicates: ${afterAll.length - new Set(afterAll).size}`,
  );
} finally {
  await close();
  radicale.stop();
}
