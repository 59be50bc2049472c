// Measures an authenticated GET /api/me (session cookie → membership → permissions) and the
// server's idle memory. Starts its own server on a fresh embedded database:
//   npm run bench            (PGlite)
//   DATABASE_URL=postgres://… npm run bench
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const PORT = Number(process.env.BENCH_PORT ?? 5099);
const base = `http://127.0.0.1:${PORT}`;
const password = 'Bench-Passwort-2026';
const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-bench-'));

const serverEnv = {
  ...process.env,
  PORT: String(PORT),
  DATA_DIR: dataDir,
  DEMO_PASSWORD: password,
  LOG_LEVEL: 'warn',
  SERVE_WEB: 'false',
  NODE_ENV: 'production',
};
// The same two steps as `npm start`: create the embedded database, then run the server.
spawnSync(process.execPath, ['--import', 'tsx', 'src/server/prepare-database.ts'], {
  env: serverEnv,
  stdio: 'inherit',
});
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  env: serverEnv,
  stdio: ['ignore', 'pipe', 'inherit'],
});

/** autocannon with every response time recorded, so any percentile can be reported. */
function run(options: autocannon.Options, latencies: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

async function waitForReady(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become ready');
}

function rssMb(pid: number): number {
  // /proc is there on the Linux machines this runs on; VmRSS is in kB.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

try {
  await waitForReady();
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'inhaberin@bodensee-immobilien.de', password }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  // Let start-up work (migrations, seed, pg-boss maintenance) settle before measuring idle memory.
  await new Promise((r) => setTimeout(r, 5000));
  const idleRss = rssMb(server.pid!);
  await run({ url: `${base}/api/me`, headers: { cookie }, connections: 10, duration: 3 }, []); // warm-up
  const latencies: number[] = [];
  const result = await run(
    { url: `${base}/api/me`, headers: { cookie }, connections: 10, duration: 15 },
    latencies,
  );
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(
      (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) * 100,
    ) / 100;
  const non2xx = result.non2xx;
  console.log(
    JSON.stringify(
      {
        endpoint: 'GET /api/me (authenticated)',
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        connections: 10,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        latencyMs: { p50: percentile(50), p95: percentile(95), p99: percentile(99), max: percentile(100) },
        non2xx,
        idleRssMb: idleRss,
        rssAfterLoadMb: rssMb(server.pid!),
      },
      null,
      2,
    ),
  );
  if (non2xx > 0) process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
