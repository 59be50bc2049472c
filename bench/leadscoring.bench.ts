// Lead scoring at office-network scale: 100,000 contacts with search profiles, qualification
// and about five signals each, rescored in full (time, peak RSS) against a naive baseline of one
// transaction per contact; then the score lookup of a contact-list page (25 ids) and the hot
// leads and the contact list sorted by score, p95 over 400 requests each.
//   npm run bench:leadscoring                    (PGlite)
//   DATABASE_URL=postgres://… npm run bench:leadscoring
import { eq } from 'drizzle-orm';
import { demoContacts } from '../src/modules/crm/demo/demo-contacts.js';
import { createRandom } from '../src/modules/crm/demo/random.js';
import { contact, searchRequest } from '../src/modules/crm/schema.js';
import type { EventKind } from '../src/modules/leadscoring/domain/lead-facts.js';
import { leadEvent, leadQualification } from '../src/modules/leadscoring/schema.js';
import { rescore } from '../src/modules/leadscoring/server/score-service.js';
import { tenant } from '../src/platform/auth/auth.schema.js';
import { startInProcess } from './in-process.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const BASELINE_SAMPLE = 1_000;
const CHUNK = 1_000;
const DAY_MS = 86_400_000;
const KINDS: EventKind[] = [
  'page_view',
  'page_view',
  'expose_view',
  'gallery',
  'reply',
  'email_open',
  'viewing_attended',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};
const rssMb = () => Math.round(process.memoryUsage().rss / 1_048_576);

const bench = await startInProcess('leadscoring', {});
try {
  const db = bench.platform.database.db;
  const [office] = await db.select({ id: tenant.id }).from(tenant).limit(1);
  const tenantId = office!.id;
  const r = createRandom(2424);
  const seedStart = performance.now();
  const now = Date.now();
  for (let offset = 0; offset < CONTACTS; offset += CHUNK) {
    const { contacts, searchRequests } = demoContacts(r, tenantId, [], CHUNK);
    const ids = await db
      .insert(contact)
      .values(contacts.map(({ id: _id, ...c }) => ({ ...c, email: `${offset}-${c.email}` })))
      .returning({ id: contact.id });
    await db
      .insert(searchRequest)
      .values(searchRequests.map(({ contactIndex, ...s }) => ({ ...s, contactId: ids[contactIndex]!.id })));
    const qualified = ids.filter(() => r.chance(0.3));
    if (qualified.length > 0)
      await db.insert(leadQualification).values(
        qualified.map(({ id }) => ({
          contactId: id,
          tenantId,
          financingConfirmedAt: r.chance(0.4) ? new Date(now - r.int(1, 60) * DAY_MS) : null,
          equityCents: r.int(2, 40) * 10_000_00,
          netIncomeMonthlyCents: r.int(25, 90) * 100_00,
        })),
      );
    const events = ids.flatMap(({ id }) =>
      Array.from({ length: r.int(0, 10) }, () => ({
        tenantId,
        contactId: id,
        kind: r.pick(KINDS),
        session: `s${r.int(0, 5)}`,
        source: 'demo',
        occurredAt: new Date(now - r.int(0, 120) * DAY_MS),
      })),
    );
    for (let i = 0; i < events.length; i += 2_000)
      await db.insert(leadEvent).values(events.slice(i, i + 2_000));
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const eventCount = (await db.$count(leadEvent)) as number;

  // Full rescore, sampling RSS while it runs.
  let peakRss = rssMb();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb());
  }, 100);
  const fullStart = performance.now();
  const scored = await rescore(bench.platform, tenantId, 'all');
  const fullSeconds = (performance.now() - fullStart) / 1000;
  clearInterval(sampler);

  // Naive baseline: each contact in its own pass (what per-event rescoring would do for all).
  const sample = (
    await db
      .select({ id: contact.id })
      .from(contact)
      .where(eq(contact.tenantId, tenantId))
      .limit(BASELINE_SAMPLE)
  ).map((c) => c.id);
  const naiveStart = performance.now();
  for (const id of sample) await rescore(bench.platform, tenantId, [id]);
  const naivePerContactMs = (performance.now() - naiveStart) / sample.length;

  // A contact list page asks for 25 scores; the dashboard for the hot leads.
  const page = sample.slice(0, 25).join(',');
  const timed = async (url: string) => {
    const times: number[] = [];
    for (let i = 0; i < 400; i++) {
      const start = performance.now();
      const response = await bench.as('GET', url);
      times.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  };
  const lookup = await timed(`/api/leadscoring/scores?ids=${page}`);
  const hot = await timed('/api/leadscoring/hot?limit=5');
  const hotToday = await timed('/api/leadscoring/hot?limit=5&order=heute');
  const byScore = await timed('/api/crm/contacts?sort=score&order=desc&pageSize=25');

  console.log(
    JSON.stringify(
      {
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        contacts: scored,
        events: eventCount,
        seedSeconds: Math.round(seedSeconds),
        rescoreAll: {
          seconds: Math.round(fullSeconds * 10) / 10,
          perContactMs: Math.round((fullSeconds * 1000 * 1000) / scored) / 1000,
          peakRssMb: peakRss,
        },
        naiveOneByOne: {
          perContactMs: Math.round(naivePerContactMs * 100) / 100,
          extrapolatedSeconds: Math.round((naivePerContactMs * scored) / 1000),
          ratio: Math.round(((naivePerContactMs * scored) / 1000 / fullSeconds) * 10) / 10,
        },
        scoreLookup25Ms: lookup,
        hotLeadsMs: hot,
        hotTodayMs: hotToday,
        contactListByScore25Ms: byScore,
      },
      null,
      2,
    ),
  );
} finally {
  await bench.close();
}
