import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textPdf } from '../../modules/documents/test/text-pdf.js';
import {
  createGraphSandboxState,
  type GraphSandboxState,
  graphSandbox,
} from '../../modules/social/sandbox/graph-sandbox.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { type Cluster, clusterServices, metricValue, signInOn, startCluster } from './cluster.js';

/**
 * Issue 27's proof of scale-out: two API processes and two workers on one PostgreSQL, one Redis
 * and one S3 server (Ceph RGW in CI). Facebook is the Graph imitation listening on a port of its
 * own, so every worker posts to the same place and a post made twice would be counted twice.
 */
const services = clusterServices();
let cluster: Cluster;
let graph: FastifyInstance;
let graphState: GraphSandboxState;
let graphDelayMs = 0;
let db: pg.Client;
let cookie: string;
let tenantId: string;
let accountId: string;
let propertyId: string;

const [api1, api2] = [() => cluster.apis[0]!, () => cluster.apis[1]!];
const call = async (base: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { cookie, ...init.headers } });
const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});
const sha = (bytes: Buffer | ArrayBuffer) =>
  createHash('sha256')
    .update(Buffer.from(bytes as ArrayBuffer))
    .digest('hex');

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Creates `count` Facebook posts through both APIs in turn and schedules each for `at`. */
async function schedulePosts(label: string, count: number, at: Date): Promise<string[]> {
  const ids: string[] = [];
  const one = async (i: number) => {
    const base = i % 2 === 0 ? api1().base : api2().base;
    const created = await call(
      base,
      '/api/social-media/posts',
      json({
        title: `${label} ${i}`,
        targets: [{ accountId, text: `${label} Nr. ${i} am Bodensee`, media: [] }],
      }),
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const post = (await created.json()) as { id: string };
    const other = i % 2 === 0 ? api2().base : api1().base;
    const published = await call(
      other,
      '/api/social-media/publish',
      json({ postId: post.id, at: at.toISOString() }),
    );
    expect(published.status, await published.clone().text()).toBe(202);
    ids.push(post.id);
  };
  for (let i = 0; i < count; i += 25)
    await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => one(i + j)));
  return ids;
}

const postsOnFacebook = (label: string) =>
  graphState.posts.filter((p) => (p.params.message ?? '').startsWith(`${label} Nr.`));

async function targetsByStatus(label: string) {
  const { rows } = await db.query<{ status: string; n: number }>(
    `select t.status, count(*)::int as n from social_post_target t join social_post p on p.id = t.post_id
      where p.title like $1 group by t.status`,
    [`${label} %`],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

describe.runIf(services)('scale-out: 2 APIs + 2 workers on one PostgreSQL, Redis and S3', () => {
  beforeAll(async () => {
    graphState = createGraphSandboxState();
    graphState.quotaTotal = 100_000;
    graph = Fastify({ logger: false });
    graph.addHook('onRequest', async () => {
      if (graphDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, graphDelayMs));
    });
    await graph.register(graphSandbox, { state: graphState });
    const graphUrl = await graph.listen({ port: 0, host: '127.0.0.1' });
    cluster = await startCluster({ apis: 2, workers: 2, env: { GRAPH_API_URL: graphUrl } });
    db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ id: string }>(
      `select id from tenant where slug = 'bodensee-immobilien'`,
    );
    tenantId = rows[0]!.id;
    // A live Facebook page, as OAuth would have stored it: the token sealed with the cluster's key.
    const sealed = new SecretBox(Buffer.from(cluster.env.ENCRYPTION_KEY as string, 'hex')).encrypt(
      'page-token-cluster',
    );
    const account = await db.query<{ id: string }>(
      `insert into social_account (tenant_id, platform, mode, external_id, name, access_token_sealed)
       values ($1, 'facebook', 'live', '104000000000001', 'Bodensee Immobilien (Cluster)', $2) returning id`,
      [tenantId, sealed],
    );
    accountId = account.rows[0]!.id;
    const property = await db.query<{ id: string }>(
      `select id from crm_property where tenant_id = $1 limit 1`,
      [tenantId],
    );
    propertyId = property.rows[0]!.id;
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
    await graph?.close();
  }, 120_000);

  it('a session signed in on one API works on the other, and a sign-out on the other ends it everywhere', async () => {
    cookie = await signInOn(api1().base);
    const me = await call(api2().base, '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(
      'inhaberin@bodensee-immobilien.de',
    );
    const second = await signInOn(api2().base);
    const out = await fetch(`${api2().base}/api/auth/sign-out`, {
      method: 'POST',
      headers: {
        cookie: second,
        origin: cluster.env.PUBLIC_URL as string,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(out.status).toBeLessThan(300);
    // Without the 60-second session cache cookie the API asks the shared store.
    const sessionOnly = second
      .split('; ')
      .filter((c) => c.includes('session_token'))
      .join('; ');
    expect((await fetch(`${api1().base}/api/me`, { headers: { cookie: sessionOnly } })).status).toBe(401);
  });

  it('a file uploaded through one API downloads through the other; a large one straight from the bucket', async () => {
    const small = await textPdf('Grundbuchauszug Seestraße 7, Meersburg');
    const up = await call(api1().base, `/api/documents?propertyId=${propertyId}&fileName=grundbuch.pdf`, {
      method: 'POST',
      body: new Uint8Array(small),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const doc = (await up.json()) as { current: { url: string; sha256: string } };
    const down = await call(api2().base, doc.current.url);
    expect(down.status).toBe(200);
    expect(sha(await down.arrayBuffer())).toBe(sha(small));

    // 3 MiB, above the cluster's S3_PRESIGN_MIN_BYTES of 1 MiB: the API answers with a presigned URL.
    const large = Buffer.concat([
      await textPdf('Teilungserklärung'),
      Buffer.from(`\n%${'x'.repeat(3 * 1024 * 1024)}\n`),
    ]);
    const upLarge = await call(api2().base, `/api/documents?propertyId=${propertyId}&fileName=teilung.pdf`, {
      method: 'POST',
      body: new Uint8Array(large),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(upLarge.status, await upLarge.clone().text()).toBe(201);
    const largeDoc = (await upLarge.json()) as { current: { url: string } };
    const redirect = await call(api1().base, largeDoc.current.url);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location.startsWith(cluster.s3.endpoint)).toBe(true);
    expect(location).toContain('X-Amz-Signature=');
    const fromBucket = await fetch(location);
    expect(fromBucket.status).toBe(200);
    expect(fromBucket.headers.get('content-disposition')).toContain('teilung.pdf');
    expect(sha(await fromBucket.arrayBuffer())).toBe(sha(large));
    // Without a session there is no URL to the bucket.
    expect((await fetch(`${api1().base}${largeDoc.current.url}`, { redirect: 'manual' })).status).toBe(401);
  });

  it('1,000 scheduled posts are published exactly once, by both workers together', async () => {
    const before = await Promise.all(
      cluster.workers.map((w) =>
        metricValue(w.base, 'immoxx_jobs_finished_total', 'job="social.publish-target",status="completed"'),
      ),
    );
    const at = new Date(Date.now() + 45_000);
    const started = Date.now();
    await schedulePosts('Termin', 1000, at);
    const scheduling = Date.now() - started;
    await until(
      '1,000 published posts',
      240_000,
      async () => (await targetsByStatus('Termin')).veroeffentlicht === 1000,
    );
    const onFacebook = postsOnFacebook('Termin');
    const messages = new Set(onFacebook.map((p) => p.params.message));
    console.log(
      `1,000 posts scheduled through two APIs in ${scheduling} ms; published ${onFacebook.length} (${messages.size} distinct) in ${Date.now() - at.getTime()} ms after their time`,
    );
    expect(onFacebook).toHaveLength(1000);
    expect(messages.size).toBe(1000);
    // Nobody posted early.
    expect(onFacebook.every((p) => p.createdAt >= at.getTime() - 1000)).toBe(true);
    const after = await Promise.all(
      cluster.workers.map((w) =>
        metricValue(w.base, 'immoxx_jobs_finished_total', 'job="social.publish-target",status="completed"'),
      ),
    );
    const perWorker = after.map((n, i) => n - (before[i] ?? 0));
    console.log(`publish jobs per worker: ${perWorker.join(' / ')}`);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.min(...perWorker)).toBeGreaterThan(0);
    // ROLE=api serves HTTP only: no job ran in an API process.
    for (const api of cluster.apis) expect(await metricValue(api.base, 'immoxx_jobs_finished_total')).toBe(0);
  }, 420_000);

  it('a worker killed mid-job (SIGKILL) leaves nothing undone: the other finishes its jobs, each post once', async () => {
    graphDelayMs = 1500;
    await schedulePosts('Absturz', 40, new Date());
    // The worker with publish jobs in hand right now is the one that dies.
    const victim = await until('a worker with running publish jobs', 60_000, async () => {
      for (const worker of cluster.workers) {
        if ((await metricValue(worker.base, 'immoxx_jobs_active', 'job="social.publish-target"')) > 0)
          return worker;
      }
      return null;
    });
    await cluster.kill(victim, 'SIGKILL');
    const survivor = cluster.workers.find((w) => w !== victim)!;
    graphDelayMs = 0;
    await until(
      '40 published posts after the kill',
      240_000,
      async () => (await targetsByStatus('Absturz')).veroeffentlicht === 40,
    );
    const onFacebook = postsOnFacebook('Absturz');
    expect(new Set(onFacebook.map((p) => p.params.message)).size).toBe(40);
    expect(onFacebook).toHaveLength(40);
    expect(
      await metricValue(survivor.base, 'immoxx_jobs_finished_total', 'job="social.publish-target"'),
    ).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from job_run where name = 'social.publish-target' and status <> 'completed'`,
    );
    expect(rows[0]!.n).toBe(0);
  }, 360_000);
});
