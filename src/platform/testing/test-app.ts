import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { MODULE_MANIFESTS } from '../../server/module-list.js';
import { loadConfig } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import { openPglite } from '../db/open-pglite.js';
import { openPostgres } from '../db/open-postgres.js';
import { buildApp } from '../http/build-app.js';
import { createPlatform, type Platform, type PlatformOverrides, startPlatform } from '../kernel.js';
import type { ModuleManifest } from '../modules/module-manifest.js';
import type { Role } from '../rbac/roles.js';
import { setSuperadmin } from '../superadmin/grant-superadmin.js';
import { withDatabase } from './global-setup.js';

export const TEST_PASSWORD = 'Test-Passwort-2026';

export interface TestUser {
  userId: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  cookie: string;
}

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  /** A new broker office with an owner who is signed in. */
  createTenant(name?: string): Promise<TestUser>;
  /** A new signed-in user with `role` in `tenantId`. */
  createUser(tenantId: string, role: Role): Promise<TestUser>;
  signIn(email: string, password?: string): Promise<string>;
  /** A platform operator (super-admin) of no office, signed in: their session cookie. */
  createOperator(email: string, name: string): Promise<string>;
  /** `app.inject` with the user's session cookie. */
  as(user: TestUser | string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const unique = () => randomBytes(5).toString('hex');

async function cloneDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const dump = readFileSync(template.dumpPath);
    const database = await openPglite({ loadDataDir: new Blob([dump]) });
    return { database, drop: async () => undefined };
  }
  const name = `${template.templateName}_${unique()}`;
  const admin = new pg.Client({ connectionString: template.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template.templateName}`);
  await admin.end();
  const database = await openPostgres(withDatabase(template.url, name), 5);
  return {
    database,
    drop: async () => {
      const client = new pg.Client({ connectionString: template.url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A fully wired app on a fresh database cloned from the migrated template. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    /** Replaces the build's module list (tests of the loader with fake modules). */
    manifests?: readonly ModuleManifest[];
    overrides?: Omit<PlatformOverrides, 'database'>;
    beforeStart?: (platform: Platform) => Promise<void>;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-test-'));
  const { database, drop } = await cloneDatabase();
  const prefix = `immoxx-test-${unique()}`;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      SERVE_WEB: 'false',
      JOB_POLL_INTERVAL_SECONDS: '0.5',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // The providers' fakes listen on loopback; the check itself is tested with this off.
      AI_ALLOW_PRIVATE_ENDPOINTS: 'true',
      // Webhook receivers and the Plane fake listen on loopback too; retries in seconds, not minutes.
      INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS: 'true',
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      WEBHOOK_MAX_ATTEMPTS: '3',
      REDIS_PREFIX: prefix,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...options.env,
    },
    dataDir,
  );
  const platform = await createPlatform(config, options.manifests ?? MODULE_MANIFESTS, {
    database,
    queuePrefix: `${prefix}:bull`,
    mailTransport: null,
    ...options.overrides,
  });
  const app = await buildApp(platform);
  await app.ready();
  await options.beforeStart?.(platform);
  await startPlatform(platform);

  const signIn = async (email: string, password = TEST_PASSWORD) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return cookieHeader(response);
  };

  const newUser = async (role: Role) => {
    const email = `${role}-${unique()}@test.immoxx.de`;
    const name = `Test ${role} ${unique()}`;
    const created = await platform.auth.api.signUpEmail({ body: { email, name, password: TEST_PASSWORD } });
    return { userId: created.user.id, email, name };
  };

  const testApp: TestApp = {
    app,
    platform,
    async createTenant(name = `Büro ${unique()}`) {
      const user = await newUser('owner');
      const tenantId = await platform.memberships.createTenant({
        name,
        slug: `buero-${unique()}`,
        ownerUserId: user.userId,
      });
      return { ...user, role: 'owner', tenantId, cookie: await signIn(user.email) };
    },
    async createUser(tenantId, role) {
      const user = await newUser(role);
      await platform.memberships.addMember(tenantId, user.userId, role);
      return { ...user, role, tenantId, cookie: await signIn(user.email) };
    },
    signIn,
    async createOperator(email, name) {
      await platform.auth.api.signUpEmail({ body: { email, name, password: TEST_PASSWORD } });
      await setSuperadmin(platform.database, email, true, 'test');
      return signIn(email);
    },
    as(user, injectOptions) {
      const cookie = typeof user === 'string' ? user : user?.cookie;
      return app.inject({
        ...injectOptions,
        headers: { ...(injectOptions.headers ?? {}), ...(cookie ? { cookie } : {}) },
      });
    },
    async close() {
      await app.close();
      await platform.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
