// Shared by the benchmarks that run the app inside their own process (to reach jobs and
// sandboxes directly): a fresh data directory with the demo office, and the owner signed in.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/platform/config/load-config.js';
import { buildApp } from '../src/platform/http/build-app.js';
import { createPlatform, type Platform, startPlatform } from '../src/platform/kernel.js';
import { seedDemo } from '../src/platform/tenancy/seed-demo.js';
import { MODULE_MANIFESTS } from '../src/server/module-list.js';
import { BENCH_PASSWORD } from './bench-server.js';

export interface InProcessApp {
  app: FastifyInstance;
  platform: Platform;
  /** `app.inject` as the demo owner. */
  as(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startInProcess(name: string, env: Record<string, string>): Promise<InProcessApp> {
  const dataDir = mkdtempSync(join(tmpdir(), `immoxx-bench-${name}-`));
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DEMO_PASSWORD: BENCH_PASSWORD,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    ...env,
  });
  const platform = await createPlatform(config, MODULE_MANIFESTS);
  const demo = await seedDemo(platform);
  const app = await buildApp(platform);
  await startPlatform(platform);
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demo?.email, password: BENCH_PASSWORD },
  });
  const cookie = String(signIn.headers['set-cookie'] ?? '')
    .split(/,(?=\s*\w+=)/)
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    app,
    platform,
    as: (method, url, payload, headers) =>
      app.inject({ method, url, payload: payload as object, headers: { ...headers, cookie } }),
    close: async () => {
      await app.close();
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
