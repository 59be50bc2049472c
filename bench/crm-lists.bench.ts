// CRM at office-network scale: seeds 10,000 properties and 100,000 contacts into the demo
// office, then measures the filtered property list (page 1) and German full-text search.
//   npm run bench:crm            (PGlite)
//   DATABASE_URL=postgres://… npm run bench:crm
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
import { CONTACTS, CRM_SCENARIOS, PROPERTIES, seedCrm } from './crm-seed.js';

const env = benchEnv(Number(process.env.BENCH_PORT ?? 5098));
// BENCH_DATA_DIR reuses a directory an earlier run kept (BENCH_KEEP=1) instead of seeding again.
const reuse = process.env.BENCH_DATA_DIR;
if (reuse) env.DATA_DIR = reuse;
const seeded = reuse ? null : await seedCrm(env);

const server = await startServer(env);
try {
  const scenarios = CRM_SCENARIOS;
  const results = [];
  for (const scenario of scenarios) {
    const url = `${server.base}${scenario.path}`;
    const cookie = await signIn(server.base);
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
        seedSeconds: seeded?.seconds ?? 'reused',
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
  else if (!reuse) removeData(env);
}
