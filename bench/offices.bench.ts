// 1,000 offices in one database: sign-in and the CRM property list of one office, measured with
// that office alone and again after 999 more offices (each with an owner and 20 listings) joined
// the same tables, in one run; the ratio says whether row-level security and the indexes keep an
// office's requests independent of how many others there are.
//   npm run bench:offices          (PGlite)
//   DATABASE_URL=postgres://… npm run bench:offices
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { demoProperties } from '../src/modules/crm/demo/demo-properties.js';
import { createRandom } from '../src/modules/crm/demo/random.js';
import { property } from '../src/modules/crm/schema.js';
import { authAccount, authUser, tenant, tenantMember } from '../src/platform/auth/auth.schema.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { tenantSettings } from '../src/platform/tenancy/tenancy.schema.js';
import {
  BENCH_PASSWORD,
  benchEnv,
  load,
  OWNER_EMAIL,
  percentile,
  removeData,
  rssMb,
  signIn,
  startServer,
  stopServer,
} from './bench-server.js';
import { CRM_SCENARIOS, resetPostgres } from './crm-seed.js';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 1000);
const LISTINGS_EACH = Number(process.env.BENCH_LISTINGS_EACH ?? 20);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 60);
const WARM_UP = 10;

const env = benchEnv(Number(process.env.BENCH_PORT ?? 5097));
// Sign-ins are measured on purpose; the limits for guessing would stop the measurement.
env.LOGIN_RATE_LIMIT_PER_MINUTE = '10000';
await resetPostgres(env);

async function measure(base: string) {
  // Sign-in: one after another, as people do; scrypt makes each deliberately slow.
  const signIns: number[] = [];
  // The first few after a start pay for warming up (JIT, pools, start-up sweeps): not counted.
  for (let i = -WARM_UP; i < SIGN_INS; i++) {
    const started = performance.now();
    const r = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER_EMAIL, password: BENCH_PASSWORD }),
    });
    if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
    await r.arrayBuffer();
    if (i >= 0) signIns.push(performance.now() - started);
  }
  signIns.sort((a, b) => a - b);
  const cookie = await signIn(base);
  const url = `${base}${CRM_SCENARIOS[0]!.path}`;
  await load({ url, headers: { cookie }, connections: 10, duration: 2 });
  const { result, latencies } = await load({ url, headers: { cookie }, connections: 10, duration: 10 });
  if (result.non2xx > 0) process.exitCode = 1;
  return {
    signInMs: { p50: percentile(signIns, 50), p95: percentile(signIns, 95) },
    propertyList: {
      rps: Math.round(result.requests.average),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      non2xx: result.non2xx,
    },
  };
}

/** Waits until the demo office's background jobs are done (at most two minutes). */
async function waitForIdleJobs(base: string) {
  const cookie = await signIn(base);
  for (let i = 0; i < 120; i++) {
    const r = await fetch(`${base}/api/admin/jobs?status=running&pageSize=1`, { headers: { cookie } });
    const q = await fetch(`${base}/api/admin/jobs?status=queued&pageSize=1`, { headers: { cookie } });
    const [running, queued] = [(await r.json()) as { total: number }, (await q.json()) as { total: number }];
    if (running.total === 0 && queued.total === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** 999 more offices through the owner connection, as sign-ups would leave them. */
async function addOffices(count: number) {
  const database = await openDatabase(loadConfig(env));
  const started = performance.now();
  const [hash] = (
    (await database.db.execute(
      sql`select a.password from auth_account a join auth_user u on u.id = a.user_id where u.email = ${OWNER_EMAIL}`,
    )) as unknown as { rows: { password: string }[] }
  ).rows;
  const r = createRandom(99);
  for (let n = 0; n < count; n++) {
    const tenantId = randomUUID();
    const userId = randomUUID();
    await database.db.transaction(async (tx) => {
      await tx.insert(tenant).values({ id: tenantId, name: `Büro ${n}`, slug: `buero-${n}` });
      await tx.insert(tenantSettings).values({ tenantId, displayName: `Büro ${n}` });
      await tx
        .insert(authUser)
        .values({ id: userId, name: `Inhaber ${n}`, email: `inhaber-${n}@bench.test`, emailVerified: true });
      await tx.insert(authAccount).values({
        id: randomUUID(),
        userId,
        accountId: userId,
        providerId: 'credential',
        password: hash?.password ?? null,
      });
      await tx
        .insert(tenantMember)
        .values({ id: randomUUID(), organizationId: tenantId, userId, role: 'owner' });
      const rows = demoProperties(r, tenantId, [userId], LISTINGS_EACH).map(
        ({ lakeside: _l, ...row }, i) => ({
          ...row,
          externalId: `B${n}-${i}`,
          slug: `${row.slug}-b${n}-${i}`,
        }),
      );
      await tx.insert(property).values(rows);
    });
  }
  await database.db.execute(sql`analyze`);
  await database.close();
  return Math.round((performance.now() - started) / 100) / 10;
}

// The first start seeds the demo office and its background jobs (photos) run a while; both
// measurements are taken after a fresh start on a settled database instead.
let server = await startServer(env);
await waitForIdleJobs(server.base);
await stopServer(server);
server = await startServer(env);
try {
  const alone = await measure(server.base);
  await stopServer(server);
  const seedSeconds = await addOffices(OFFICES - 1);
  server = await startServer(env);
  const among = await measure(server.base);
  const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
  console.log(
    JSON.stringify(
      {
        database: env.DATABASE_URL ? 'postgres' : 'pglite',
        offices: OFFICES,
        listingsPerOtherOffice: LISTINGS_EACH,
        seedSeconds,
        alone,
        among,
        ratioP95: {
          signIn: ratio(alone.signInMs.p95, among.signInMs.p95),
          propertyList: ratio(alone.propertyList.p95, among.propertyList.p95),
        },
        rssMb: rssMb(server.process.pid as number),
      },
      null,
      2,
    ),
  );
} finally {
  await stopServer(server);
  removeData(env);
}
