// The scale-out topology started from processes, as docker-compose.yml and the Helm chart run it:
// a one-shot migration, N API processes (ROLE=api) and M workers (ROLE=worker) on one PostgreSQL,
// one Redis (BullMQ, cache, rate limits) and one S3-compatible bucket. Used by the cluster test
// (npm run test:cluster) and bench/scale-out.bench.ts; CI starts the services, this starts ImmoXX.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';

export const CLUSTER_PASSWORD = 'Cluster-Passwort-2026';
export const CLUSTER_OWNER = 'inhaberin@bodensee-immobilien.de';

export interface ClusterProcess {
  name: string;
  role: 'api' | 'worker';
  base: string;
  child: ChildProcess;
  logFile: string;
}

export interface Cluster {
  apis: ClusterProcess[];
  workers: ClusterProcess[];
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  workDir: string;
  kill(process: ClusterProcess, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  apis: number;
  workers: number;
  /** First port; APIs and workers take the next ones. */
  basePort?: number;
  env?: NodeJS.ProcessEnv;
}

/** What the cluster needs from outside: PostgreSQL, Redis and an S3 server (CI: .ci/s3-rgw.sh). */
export function clusterServices() {
  const adminUrl = process.env.CLUSTER_DATABASE_URL ?? process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const s3Endpoint = process.env.S3_TEST_ENDPOINT;
  return adminUrl && redisUrl && s3Endpoint ? { adminUrl, redisUrl, s3Endpoint } : null;
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitReady(base: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${base} exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${base} did not become ready; see ${logFile}`);
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const services = clusterServices();
  if (!services) throw new Error('the cluster needs DATABASE_URL, REDIS_URL and S3_TEST_ENDPOINT');
  const compiled = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error('compiling the server failed');

  const runId = `${process.pid}${Date.now().toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'immoxx-cluster-'));
  const databaseUrl = await freshDatabase(services.adminUrl, `immoxx_cluster_${runId}`);
  const s3 = {
    endpoint: services.s3Endpoint,
    bucket: `immoxx-cluster-${runId}`,
    accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? 'immoxx-ci',
    secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? 'immoxx-ci-secret-0123456789',
  };
  const admin = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  await admin.send(new CreateBucketCommand({ Bucket: s3.bucket }));
  admin.destroy();

  const basePort = options.basePort ?? 5300;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    MALLOC_ARENA_MAX: '2',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: services.redisUrl,
    REDIS_PREFIX: `immoxx-cluster-${runId}`,
    FILE_STORAGE: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_REGION: 'us-east-1',
    // Shared by every replica: sessions signed on one API are read on another.
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    MIGRATE_ON_START: 'false',
    // As behind one load balancer: every API knows the same public address.
    PUBLIC_URL: `http://127.0.0.1:${basePort}`,
    DEMO_PASSWORD: CLUSTER_PASSWORD,
    SEED_DEMO: 'true',
    SERVE_WEB: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    S3_PRESIGN_MIN_BYTES: String(1024 * 1024),
    ...options.env,
  };
  delete env.S3_TEST_ENDPOINT;

  const migrate = spawnSync(process.execPath, ['build/server/migrate.js'], {
    env: { ...env, DATA_DIR: join(workDir, 'migrate') },
    encoding: 'utf8',
  });
  if (migrate.status !== 0) throw new Error(`migration job failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const spawnRole = (role: 'api' | 'worker', index: number, port: number): ClusterProcess => {
    const name = `${role}-${index + 1}`;
    const logFile = join(workDir, `${name}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, ['build/server/main.js'], {
      env: { ...env, ROLE: role, PORT: String(port), DATA_DIR: join(workDir, name) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return { name, role, base: `http://127.0.0.1:${port}`, child, logFile };
  };
  const apis = Array.from({ length: options.apis }, (_, i) => spawnRole('api', i, basePort + i));
  const workers = Array.from({ length: options.workers }, (_, i) =>
    spawnRole('worker', i, basePort + options.apis + i),
  );
  const all = [...apis, ...workers];
  const kill = async (member: ClusterProcess, signal: NodeJS.Signals = 'SIGTERM') => {
    if (member.child.exitCode !== null || member.child.signalCode !== null) return;
    const exited = new Promise((resolve) => member.child.once('exit', resolve));
    member.child.kill(signal);
    await exited;
  };
  const stop = async () => {
    await Promise.all(all.map((member) => kill(member)));
    if (!process.env.CLUSTER_KEEP) rmSync(workDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: services.adminUrl });
    await client.connect();
    await client.query(`drop database if exists immoxx_cluster_${runId} with (force)`).catch(() => undefined);
    await client.end();
  };
  try {
    await Promise.all(all.map((member) => waitReady(member.base, member.child, member.logFile)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { apis, workers, env, databaseUrl, s3, workDir, kill, stop };
}

/** Signs in on one API and returns the cookie header (session cache cookie included). */
export async function signInOn(
  base: string,
  email = CLUSTER_OWNER,
  password = CLUSTER_PASSWORD,
): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed on ${base}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** A counter's value summed over its labels from one process's /metrics, filtered by a label text. */
export async function metricValue(base: string, metric: string, labelPart = ''): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || !line.includes(labelPart)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}
