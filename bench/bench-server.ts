// Shared by the benchmark scripts: a server of our own on a fresh data directory, signed-in
// requests, autocannon runs with every latency kept, and memory readings from /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const BENCH_PASSWORD = 'Bench-Passwort-2026';
export const OWNER_EMAIL = 'inhaberin@bodensee-immobilien.de';

export interface BenchServer {
  base: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
}

export function benchEnv(port: number): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-bench-'));
  return {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_PASSWORD: BENCH_PASSWORD,
    LOG_LEVEL: 'warn',
    SERVE_WEB: 'false',
    NODE_ENV: 'production',
    // As `npm start` runs the server (scripts/start.mjs).
    MALLOC_ARENA_MAX: '2',
  };
}

/**
 * The same steps as `npm start`: compile the server, create the embedded database, then run the
 * compiled server (memory figures are those of `npm start`, not of the sources under tsx).
 */
export async function startServer(env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const compiled = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (compiled.status !== 0) throw new Error('compiling the server failed');
  spawnSync(process.execPath, ['build/server/prepare-database.js'], {
    env,
    stdio: 'inherit',
  });
  const child = spawn(process.execPath, ['build/server/main.js'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok)
        return { base, dataDir: env.DATA_DIR as string, env, process: child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('server did not become ready');
}

export async function stopServer(server: BenchServer): Promise<void> {
  if (server.process.exitCode !== null) return;
  server.process.kill('SIGTERM');
  await new Promise((r) => server.process.once('exit', r));
}

export function removeData(env: NodeJS.ProcessEnv): void {
  rmSync(env.DATA_DIR as string, { recursive: true, force: true });
}

/**
 * Signs in and then loads /api/me once, keeping every cookie the server sets, as a browser
 * does: that includes better-auth's signed session cache (valid 60 s), so a run's requests
 * read the session the way a browser's would. Call it again before each scenario.
 */
export async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER_EMAIL, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const cookie of r.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name] = (pair ?? '').split('=');
      if (name && pair) jar.set(name, pair);
    }
  };
  keep(response);
  const header = () => [...jar.values()].join('; ');
  keep(await fetch(`${base}/api/me`, { headers: { cookie: header() } }));
  return header();
}

/** autocannon with every response time recorded, so any percentile can be reported. */
export function load(
  options: autocannon.Options,
): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, latencies: latencies.sort((a, b) => a - b) }),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

export function percentile(sorted: number[], p: number): number {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return Math.round(value * 100) / 100;
}

export function rssMb(pid: number): number {
  // /proc is there on the Linux machines this runs on; VmRSS is in kB.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
