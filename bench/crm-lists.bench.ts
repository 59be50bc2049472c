// CRM at office-network scale: seeds 10,000 properties and 100,000 contacts into the demo
// office, then measures the filtered property list (page 1) and German full-text search.
//   npm run bench:crm            (PGlite)
//   DATABASE_URL=postgres://… npm run bench:crm
import { sql } from 'drizzle-orm';
import { demoContacts } from '../src/modules/crm/demo/demo-contacts.js';
import { demoProperties } from '../src/modules/crm/demo/demo-properties.js';
import { createRandom } from '../src/modules/crm/demo/random.js';
import { contact, property } from '../src/modules/crm/schema.js';
import { loadConfig } from '../src/platform/config/load-config.js';
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

const PROPERTIES = Number(process.env.BENCH_PROPERTIES ?? 10_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const CHUNK = 1000;

const env = benchEnv(Number(process.env.BENCH_PORT ?? 5098));
if (env.DATABASE_URL) {
  // A shared server keeps rows between runs; start from an empty schema so counts are exact.
  const db = await openDatabase(loadConfig(env));
  await db.db.execute(
    sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade`,
  );
  await db.close();
}

// First start: migrations and the demo office (with its 60 listings and 300 contacts).
let server = await startServer(env);
const me = (await (
  await fetch(`${server.base}/api/me`, { headers: { cookie: await signIn(server.base) } })
).json()) as {
  tenant: { id: string };
};
const tenantId = me.tenant.id;
await stopServer(server);

// Seed with the same generators as the demo data, in bulk, through the owner connection.
const database = await openDatabase(loadConfig(env));
const r = createRandom(4242);
const seedStart = performance.now();
const agentIds = (
  (await database.db.execute(
    sql`select user_id from tenant_member where organization_id = ${tenantId}`,
  )) as unknown as {
    rows: { user_id: string }[];
  }
).rows.map((row) => row.user_id);
for (let offset = 0; offset < PROPERTIES; offset += CHUNK) {
  const rows = demoProperties(r, tenantId, agentIds, Math.min(CHUNK, PROPERTIES - offset)).map(
    ({ lakeside: _lakeside, ...row }, i) => ({
      ...row,
      externalId: `BENCH-${offset + i}`,
      slug: `${row.slug}-${offset + i}`,
    }),
  );
  await database.db.insert(property).values(rows);
}
const propertiesSeconds = (performance.now() - seedStart) / 1000;
const contactsStart = performance.now();
for (let offset = 0; offset < CONTACTS; offset += CHUNK) {
  const { contacts } = demoContacts(r, tenantId, agentIds, Math.min(CHUNK, CONTACTS - offset));
  await database.db.insert(contact).values(contacts.map(({ id: _id, ...c }) => c));
}
const contactsSeconds = (performance.now() - contactsStart) / 1000;
// What autovacuum does on a server after a bulk load; it also lets index-only scans skip the heap.
await database.db.execute(sql`vacuum analyze`);
await database.close();

server = await startServer(env);
try {
  const cookie = await signIn(server.base);
  const scenarios = [
    {
      name: 'property list, filtered, page 1',
      path: '/api/crm/properties?status=aktiv&marketingType=kauf&objectType=wohnung&minRooms=3&sort=price&order=asc&pageSize=25',
    },
    {
      name: 'property full-text search (german)',
      path: '/api/crm/properties?q=seeblick%20konstanz&pageSize=25',
    },
    { name: 'contact full-text search', path: '/api/crm/contacts?q=m%C3%BCller&pageSize=25' },
    {
      name: 'contact list, filtered, page 1',
      path: '/api/crm/contacts?leadStatus=qualifiziert&role=kaeufer&pageSize=25',
    },
  ];
  const results = [];
  for (const scenario of scenarios) {
    const url = `${server.base}${scenario.path}`;
    const check = await fetch(url, { headers: { cookie } });
    const body = (await check.json()) as { total?: number };
    await load({ url, headers: { cookie }, connections: 10, duration: 2 }); // warm-up
    const { result, latencies } = await load({ url, headers: { cookie }, connections: 10, duration: 10 });
    results.push({
      scenario: scenario.name,
      matches: body.total,
      rps: Math.round(result.requests.average),
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
      non2xx: result.non2xx,
    });
    if (result.non2xx > 0) process.exitCode = 1;
  }
  console.log(
    JSON.stringify(
      {
        database: env.DATABASE_URL ? 'postgres' : 'pglite',
        seeded: { properties: PROPERTIES, contacts: CONTACTS },
        seedSeconds: {
          properties: Math.round(propertiesSeconds * 10) / 10,
          contacts: Math.round(contactsSeconds * 10) / 10,
        },
        connections: 10,
        results,
        rssMb: rssMb(server.process.pid as number),
      },
      null,
      2,
    ),
  );
} finally {
  await stopServer(server);
  // BENCH_KEEP=1 leaves the seeded database for EXPLAIN ANALYZE sessions.
  if (process.env.BENCH_KEEP) console.log(`Daten bleiben in ${env.DATA_DIR}`);
  else removeData(env);
}
