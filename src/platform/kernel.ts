import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiKeyService } from './auth/api-keys.js';
import { type Auth, createAuth } from './auth/create-auth.js';
import type { Cache } from './cache/cache.js';
import { createLruCache } from './cache/lru-cache.js';
import { createRedisCache } from './cache/redis-cache.js';
import { checkDataDir } from './config/check-data-dir.js';
import type { AppConfig } from './config/load-config.js';
import { loadSecrets } from './crypto/key-files.js';
import { SecretBox } from './crypto/secret-box.js';
import type { Database } from './db/database.js';
import { ListTotals } from './db/list-totals.js';
import { openDatabase } from './db/open-database.js';
import { EventBus } from './events/event-bus.js';
import { createFileStorage } from './files/create-file-storage.js';
import type { FileStorage } from './files/file-storage.js';
import type { JobDefinition } from './jobs/job-definition.js';
import type { JobEngine } from './jobs/job-engine.js';
import { JobService } from './jobs/job-service.js';
import { createPgBossEngine } from './jobs/pg-boss-engine.js';
import { createLogger } from './logger.js';
import { MailService } from './mail/mail-service.js';
import { passwordResetMail } from './mail/mail-templates.js';
import { createSmtpTransport, type MailTransport } from './mail/mail-transport.js';
import type { ModuleManifest, ModuleServer } from './modules/module-manifest.js';
import { type ResolvedModules, resolveModules } from './modules/resolve-modules.js';
import { NotificationService } from './notifications/notification-service.js';
import { ProductAnalytics } from './observability/product-analytics.js';
import { PermissionRegistry } from './rbac/permissions.js';
import { SuperadminService } from './superadmin/superadmin-service.js';
import { mailFooter } from './tenancy/legal-notice.js';
import { MembershipService } from './tenancy/membership-service.js';
import { OfficeHosts, sharedCookieDomain } from './tenancy/office-host.js';
import { TenantSettingsCache } from './tenancy/tenant-settings-service.js';

/** Everything a module may use; handed to module routes, jobs and event handlers. */
export interface Platform {
  config: AppConfig;
  logger: Logger;
  database: Database;
  secretBox: SecretBox;
  cache: Cache;
  files: FileStorage;
  events: EventBus;
  jobs: JobService;
  mail: MailService;
  /** The notification centre (bell + e-mail per preference) every module publishes to. */
  notifications: NotificationService;
  auth: Auth;
  permissions: PermissionRegistry;
  modules: ResolvedModules;
  moduleServers: Map<string, ModuleServer>;
  memberships: MembershipService;
  /** Office API keys for integrations (Authorization: Bearer ixk_…). */
  apiKeys: ApiKeyService;
  /** Operators of the platform, above the offices. */
  superadmins: SuperadminService;
  /** Offices by their own address (`<slug>.<BASE_DOMAIN>`). */
  officeHosts: OfficeHosts;
  tenantSettings: TenantSettingsCache;
  /** Totals of filtered lists, recounted only when the listed table changed (issue 19). */
  listTotals: ListTotals;
  /** PostHog product analytics of consenting users; off without POSTHOG_API_KEY. */
  analytics: ProductAnalytics;
  publicUrl: string;
  redis: Redis | null;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  logger?: Logger;
  database?: Database;
  mailTransport?: MailTransport | null;
  /** BullMQ key prefix, so parallel test files share one Redis safely. */
  queuePrefix?: string;
  mailRetry?: { attempts: number; backoffSeconds: number };
}

/** Opens the database, wires the ports and loads the enabled modules (not yet serving). */
export async function createPlatform(
  config: AppConfig,
  /** The build's modules, from the composition root (src/server/module-list.ts) or a test. */
  manifests: readonly ModuleManifest[],
  overrides: PlatformOverrides = {},
): Promise<Platform> {
  const { env } = config;
  const logger = overrides.logger ?? createLogger(env.LOG_LEVEL);
  const modules = resolveModules(manifests, config.moduleSwitches);
  // Key files, uploads and the embedded database all live there: a bad DATA_DIR stops here.
  checkDataDir(config.dataDir);
  const secrets = loadSecrets(config);
  const database = overrides.database ?? (await openDatabase(config));
  // Redis and BullMQ load only when configured: ~30 MB the embedded default does not need (issue 19).
  const redis = env.REDIS_URL
    ? new (await import('ioredis')).Redis(env.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false })
    : null;
  redis?.on('error', (error) => logger.error({ err: error }, 'redis error'));
  const cache = redis ? createRedisCache(redis, env.REDIS_PREFIX) : createLruCache();
  const engine: JobEngine = env.REDIS_URL
    ? (await import('./jobs/bullmq-engine.js')).createBullMqEngine(
        env.REDIS_URL,
        overrides.queuePrefix ?? `${env.REDIS_PREFIX}:bull`,
        logger,
      )
    : createPgBossEngine(database, logger, env.JOB_POLL_INTERVAL_SECONDS);
  const jobs = new JobService(database, engine, logger);
  const transport =
    overrides.mailTransport !== undefined
      ? overrides.mailTransport
      : env.SMTP_URL
        ? createSmtpTransport(env.SMTP_URL)
        : null;
  const mail = new MailService(database, jobs, transport, env.MAIL_FROM, overrides.mailRetry);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const auth = createAuth({
    db: database.db,
    secret: secrets.authSecret,
    baseURL: publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    cookieDomain: sharedCookieDomain(publicUrl, env.BASE_DOMAIN),
    logger,
    hooks: {
      async sendPasswordReset(user, token) {
        const locale = 'locale' in user && user.locale === 'en' ? 'en' : 'de';
        const rendered = passwordResetMail(
          locale,
          user.name,
          `${publicUrl}/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`,
        );
        await mail.send({ to: user.email, ...rendered, purpose: 'password_reset', audience: 'staff' });
      },
    },
  });
  const permissions = new PermissionRegistry();
  const tenantSettings = new TenantSettingsCache(database, cache);
  mail.setCustomerFooter(async (tenantId) => {
    const settings = await tenantSettings.get(tenantId);
    return settings ? mailFooter(settings, publicUrl, settings.tenantSlug) : null;
  });
  mail.setCustomerSender(async (tenantId) => {
    const settings = await tenantSettings.get(tenantId);
    return settings ? { name: settings.displayName, replyTo: settings.contactEmail } : null;
  });
  const memberships = new MembershipService(database, cache);
  const listTotals = new ListTotals(database);
  await listTotals.start();
  const platform: Platform = {
    config,
    logger,
    database,
    secretBox: new SecretBox(secrets.encryptionKey),
    cache,
    files: await createFileStorage(config),
    events: new EventBus(logger),
    jobs,
    mail,
    notifications: new NotificationService(database, mail, publicUrl, logger),
    auth,
    permissions,
    modules,
    moduleServers: new Map(),
    memberships,
    apiKeys: new ApiKeyService(database, memberships, permissions),
    officeHosts: new OfficeHosts(database, cache),
    superadmins: new SuperadminService(database, cache),
    tenantSettings,
    listTotals,
    analytics: await ProductAnalytics.create(
      { apiKey: env.POSTHOG_API_KEY, host: env.POSTHOG_HOST },
      database,
      cache,
      logger,
    ),
    publicUrl,
    redis,
    async close() {
      for (const [id, server] of [...platform.moduleServers].reverse()) {
        await server
          .onStop?.(platform)
          .catch((error: unknown) => logger.error({ err: error, module: id }, 'module stop failed'));
      }
      await jobs.stop();
      await listTotals.stop();
      await platform.analytics.close();
      await platform.events.drain();
      transport?.close();
      await cache.close();
      redis?.disconnect();
      await database.close();
    },
  };

  await jobs.handle(mail.sendJob());
  for (const manifest of modules.enabled) {
    permissions.register(manifest.id, manifest.permissions);
    const server = await manifest.server();
    platform.moduleServers.set(manifest.id, server);
    for (const job of server.jobs?.(platform) ?? []) {
      if (!job.name.startsWith(`${manifest.id}.`))
        throw new Error(`job "${job.name}" of module ${manifest.id} must start with "${manifest.id}."`);
      await jobs.handle(job as JobDefinition<unknown>);
    }
    server.subscribe?.(platform);
  }
  return platform;
}

/**
 * Starts what this process's ROLE runs, once the HTTP server is listening: every role sends jobs
 * and runs the modules' start hooks; `worker` and `all` also work off jobs and tick schedules.
 */
export async function startPlatform(platform: Platform): Promise<void> {
  const runsJobs = platform.config.env.ROLE !== 'api';
  await platform.jobs.start({ work: runsJobs });
  for (const [, server] of platform.moduleServers) await server.onStart?.(platform);
  if (!runsJobs) return;
  for (const [, server] of platform.moduleServers) await server.schedules?.(platform);
}
