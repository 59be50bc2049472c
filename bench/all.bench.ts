// Where ImmoXX stands (issue 19): every list scenario next to its floor, in one table.
//   npm run bench:all                                (PGlite, the embedded default)
//   DATABASE_URL=postgres://… npm run bench:all       (PostgreSQL)
// For each scenario: p50/p95/requests per second through HTTP with 10 connections and with 1,
// and the same figures for its floor — the bare database work of the page (the app's own page
// query in its own tenant transaction, no HTTP, no auth, no serialisation) — so each result is
// a ratio to its limit. The trivial authenticated route (/api/me) is the HTTP floor. Also: idle
// RSS after a fresh start with demo data, RSS after the list runs, and the longest event-loop
// block while a plan is read, a scan OCR'd and a reel rendered at once (bench/event-loop.bench.ts).
import { spawnSync } from 'node:child_process';
import type { SQL } from 'drizzle-orm';
import { contactListQuery, propertyListQuery } from '../src/modules/crm/contract.js';
import { listContacts } from '../src/modules/crm/server/contact-service.js';
import { listProperties } from '../src/modules/crm/server/property-queries.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import type { Database, Tx } from '../src/platform/db/database.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import {
  benchEnv,
  load,
  percentile,
  removeData,
  rssMb,
  signIn,
  startServer,
  stopServer,
} from './bench-server.js';
import { CRM_SCENARIOS, resetPostgres, seedCrm } from './crm-seed.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const database = process.env.DATABASE_URL ? 'postgres' : 'pglite';

interface Figures {
  p50: number;
  p95: number;
  rps: number;
}
const rows: { scenario: string; connections: number; request: Figures; floor: Figures | null }[] = [];

async function http(base: string, path: string, connections: number): Promise<Figures> {
  const cookie = await signIn(base);
  const url = `${base}${path}`;
  const check = await fetch(url, { headers: { cookie } });
  if (!check.ok) throw new Error(`${path}: ${check.status} ${await check.text()}`);
  await load({ url, headers: { cookie }, connections, duration: 2 });
  const { result, latencies } = await load({ url, headers: { cookie }, connections, duration: SECONDS });
  if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} failed requests`);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rps: Math.round(result.requests.average),
  };
}

/** `connections` loops calling `work` back to back for the run's length, every latency kept. */
async function closedLoop(work: () => Promise<unknown>, connections: number): Promise<Figures> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          await work();
          latencies.push(performance.now() - started);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };
  await run(2);
  const latencies = await run(SECONDS);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rps: Math.round(latencies.length / SECONDS),
  };
}

/** The page query of a scenario, as the app runs it, without the total (kept between requests). */
function floorOf(db: Database, tenantId: string, path: string): () => Promise<unknown> {
  const [route, search] = path.split('?');
  const params = Object.fromEntries(new URLSearchParams(search));
  const noTotal = async (_where: SQL | undefined) => ({ value: 0, exact: true });
  if (route === '/api/crm/properties') {
    const query = propertyListQuery.parse(params);
    return () => db.withTenant(tenantId, (tx: Tx) => listProperties(tx, query, noTotal));
  }
  const query = contactListQuery.parse(params);
  return () => db.withTenant(tenantId, (tx: Tx) => listContacts(tx, query, noTotal));
}

// 1. Idle memory: a fresh start as `npm start` does it, demo data and its photos included.
const freshEnv = benchEnv(5095);
await resetPostgres(freshEnv);
let server = await startServer(freshEnv);
// The demo photos are drawn by a job on a thread that ends 30 s after its work.
await new Promise((r) => setTimeout(r, 60_000));
const idleRss = rssMb(server.process.pid as number);
await stopServer(server);
removeData(freshEnv);

// 2. Lists at office-network scale.
const env = benchEnv(5096);
const { tenantId } = await seedCrm(env);
server = await startServer(env);
const homeRss = rssMb(server.process.pid as number);
for (const connections of [10, 1]) {
  rows.push({
    scenario: 'GET /api/me (HTTP floor)',
    connections,
    request: await http(server.base, '/api/me', connections),
    floor: null,
  });
  for (const scenario of CRM_SCENARIOS)
    rows.push({
      scenario: scenario.name,
      connections,
      request: await http(server.base, scenario.path, connections),
      floor: null,
    });
}
const afterRss = rssMb(server.process.pid as number);
await stopServer(server);

// 3. Floors: the same page queries straight on the database.
const db = await openDatabase(loadConfig(env));
for (const row of rows) {
  const scenario = CRM_SCENARIOS.find((s) => s.name === row.scenario);
  if (scenario) row.floor = await closedLoop(floorOf(db, tenantId, scenario.path), row.connections);
}
await db.close();
removeData(env);

// 4. The event loop under heavy work, on the embedded default (where the database shares the process).
const { DATABASE_URL: _db, REDIS_URL: _redis, ...embedded } = process.env;
const eventLoopRun = spawnSync(process.execPath, ['--import', 'tsx', 'bench/event-loop.bench.ts'], {
  env: { ...embedded, LOG_LEVEL: 'warn' },
  encoding: 'utf8',
});
const eventLoop = (
  JSON.parse(/\{"eventLoop".*\}/.exec(eventLoopRun.stdout)?.[0] ?? '{"eventLoop":[]}') as {
    eventLoop: { scenario: string; maxBlockMs: number }[];
  }
).eventLoop;

const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(1)}×` : '–');
console.log(
  `\nImmoXX bench:all — ${database}, ${new Date().toISOString().slice(0, 16)}, ${SECONDS} s per run\n`,
);
console.table(
  rows.map((row) => ({
    scenario: row.scenario,
    conns: row.connections,
    'p50 ms': row.request.p50,
    'p95 ms': row.request.p95,
    rps: row.request.rps,
    'floor p95 ms': row.floor?.p95 ?? '–',
    'floor rps': row.floor?.rps ?? '–',
    'p95 / floor': ratio(row.request.p95, row.floor?.p95),
  })),
);
console.table([
  { measure: 'idle RSS after start with demo data (MB)', value: idleRss },
  { measure: 'RSS with 10,000 listings / 100,000 contacts, before the runs (MB)', value: homeRss },
  { measure: 'RSS after the list runs (MB)', value: afterRss },
  ...eventLoop.map((e) => ({ measure: `longest event-loop block, ${e.scenario} (ms)`, value: e.maxBlockMs })),
]);
console.log(JSON.stringify({ database, rows, idleRss, homeRss, afterRss, eventLoop }));
