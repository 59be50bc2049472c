// Usage metering: how many usage events per second the ledger takes in, and that none is lost or
// counted twice. Writers record in batches (as a meter collector does) and, as the naive
// baseline, one event per statement; a tenth of the events are replays of earlier keys.
//   npm run bench:usage               (PGlite)
//   DATABASE_URL=postgres://… npm run bench:usage
import { randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { tenant } from '../src/platform/auth/auth.schema.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { usageEvent } from '../src/platform/metering/metering.schema.js';
import { METERS, recordUsage, type UsageInput } from '../src/platform/metering/usage-ledger.js';
import { benchEnv, rssMb } from './bench-server.js';
import { resetPostgres } from './crm-seed.js';

const OFFICES = 50;
const WRITERS = Number(process.env.BENCH_WRITERS ?? 20);
const BATCHED = Number(process.env.BENCH_EVENTS ?? 50_000);
const BATCH = 50;
const SINGLE = Number(process.env.BENCH_SINGLE_EVENTS ?? 5_000);

const env = benchEnv(5098);
await resetPostgres(env);
const database = await openDatabase(loadConfig(env));
const db = database.db;
const offices = Array.from({ length: OFFICES }, () => randomUUID());
await db
  .insert(tenant)
  .values(offices.map((id, i) => ({ id, name: `Büro ${i}`, slug: `buero-${i}-${id.slice(0, 6)}` })));

/** `total` events with unique keys, plus replays of every tenth, shuffled into batches. */
function events(total: number, prefix: string): UsageInput[] {
  const unique = Array.from({ length: total }, (_, i) => ({
    tenantId: offices[i % OFFICES]!,
    meter: METERS[i % METERS.length]!,
    value: 1 + (i % 1000),
    idempotencyKey: `${prefix}:${i}`,
  }));
  const replays = unique.filter((_, i) => i % 10 === 0);
  return [...unique, ...replays].sort(() => Math.random() - 0.5);
}

async function ingest(all: UsageInput[], batch: number): Promise<{ seconds: number; inserted: number }> {
  const chunks: UsageInput[][] = [];
  for (let i = 0; i < all.length; i += batch) chunks.push(all.slice(i, i + batch));
  let next = 0;
  let inserted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        // Awaited first: `inserted += await …` would read the total before the wait and lose updates.
        const n = await recordUsage(db, chunk);
        inserted += n;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, inserted };
}

const stored = async (prefix: string) =>
  Number(
    (
      await db
        .select({ n: count() })
        .from(usageEvent)
        .where(sql`${usageEvent.idempotencyKey} like ${`${prefix}:%`}`)
    )[0]!.n,
  );

const single = await ingest(events(SINGLE, 'single'), 1);
const batched = await ingest(events(BATCHED, 'batched'), BATCH);
const singleStored = await stored('single');
const batchedStored = await stored('batched');
const perSecond = (n: number, s: number) => Math.round(n / s);

console.log(
  `\nUsage ingestion on ${database.kind}, ${WRITERS} concurrent writers, ${OFFICES} offices, 10 % replays`,
);
console.log(
  `  one event per statement: ${SINGLE} events (+${SINGLE / 10} replays) in ${single.seconds.toFixed(2)} s = ${perSecond(SINGLE * 1.1, single.seconds)} events/s; stored ${singleStored} (expected ${SINGLE})`,
);
console.log(
  `  batches of ${BATCH}:        ${BATCHED} events (+${BATCHED / 10} replays) in ${batched.seconds.toFixed(2)} s = ${perSecond(BATCHED * 1.1, batched.seconds)} events/s; stored ${batchedStored} (expected ${BATCHED})`,
);
console.log(`  RSS ${rssMb(process.pid)} MB`);
const lossless =
  singleStored === SINGLE &&
  batchedStored === BATCHED &&
  single.inserted === SINGLE &&
  batched.inserted === BATCHED;
console.log(lossless ? '  no event lost, none counted twice' : '  MISMATCH: events lost or doubled');
if (!lossless || perSecond(BATCHED * 1.1, batched.seconds) < 1000) process.exitCode = 1;
await database.close();
