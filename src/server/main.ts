import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { buildApp } from '../platform/http/build-app.js';
import { buildWorkerApp } from '../platform/http/build-worker-app.js';
import { createPlatform, startPlatform } from '../platform/kernel.js';
import { createLogger } from '../platform/logger.js';
import { ModuleGraphError } from '../platform/modules/resolve-modules.js';
import {
  flushErrorReports,
  initErrorReporting,
  reportError,
} from '../platform/observability/error-reporting.js';
import { packageVersion, startTelemetry } from '../platform/observability/telemetry.js';
import { grantConfiguredSuperadmins } from '../platform/superadmin/grant-superadmin.js';
import { seedDemo } from '../platform/tenancy/seed-demo.js';
import { MODULE_MANIFESTS } from './module-list.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { env } = config;
  const logger = createLogger(env.LOG_LEVEL);
  // Before the platform opens its pools: the pg instrumentation must see every client.
  const telemetry = env.OTEL_EXPORTER_OTLP_ENDPOINT
    ? await startTelemetry(
        {
          endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
          headers: env.OTEL_EXPORTER_OTLP_HEADERS,
          serviceName: env.OTEL_SERVICE_NAME,
          role: env.ROLE,
          metricIntervalMs: env.OTEL_METRIC_EXPORT_INTERVAL,
        },
        logger,
      )
    : null;
  if (env.SENTRY_DSN)
    await initErrorReporting(
      {
        dsn: env.SENTRY_DSN,
        environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
        release: `immoxx@${packageVersion()}`,
        role: env.ROLE,
      },
      logger,
    );
  const platform = await createPlatform(config, MODULE_MANIFESTS, { logger });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
    reportError(reason, { source: 'process' });
  });
  process.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught exception');
    reportError(error, { source: 'process' });
  });

  const role = config.env.ROLE;
  // In a cluster the migration job seeds (npm run db:migrate): replicas starting together would race.
  const demo = role === 'all' ? await seedDemo(platform) : null;
  if (role === 'all')
    await grantConfiguredSuperadmins(platform.database, config.env.SUPERADMIN_EMAILS, (message) =>
      logger.warn(message),
    );
  // A worker answers only probes and metrics; the product's routes are the API's.
  const app = role === 'worker' ? await buildWorkerApp(platform) : await buildApp(platform);
  await app.listen({ port: config.env.PORT, host: config.env.HOST });
  await startPlatform(platform);
  if (role === 'worker') {
    console.log(
      `ImmoXX-Worker läuft (Aufträge: ${platform.jobs.engineKind}, Dateien: ${platform.files.kind}); Proben auf Port ${config.env.PORT}`,
    );
  }

  if (role !== 'worker') printBanner();
  function printBanner(): void {
    const enabled = platform.modules.enabled.map((m) => m.id).join(', ');
    console.log(`\nImmoXX läuft auf ${platform.publicUrl}  (API-Doku: ${platform.publicUrl}/api/docs)`);
    console.log(
      `Rolle: ${role}, Datenbank: ${platform.database.kind}, Aufträge: ${platform.jobs.engineKind}, Dateien: ${platform.files.kind}, E-Mail: ${platform.mail.online ? 'SMTP' : 'offline (npm run mail:outbox)'}, Module: ${enabled}`,
    );
    if (platform.modules.enabled.some((m) => m.id === 'multi_tenant'))
      console.log(`Neue Büros registrieren sich unter ${platform.publicUrl}/registrieren`);
    if (demo) console.log(`Demo login: ${demo.email} / ${demo.password}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A worker lets a running job finish (the orchestrator's grace period is 150 s); an API drains fast.
    const timer = setTimeout(() => process.exit(1), role === 'worker' ? 140_000 : 15_000);
    timer.unref();
    await app.close();
    await platform.close();
    await telemetry?.shutdown();
    await flushErrorReports();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ModuleGraphError) {
    console.error(`\n${error.message}\n\nSee .env.example for every setting.`);
  } else if (error instanceof DataDirLockedError) {
    console.error(`\n${error.message}\n`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`\nPort already in use: ${(error as Error).message}. Set PORT to another port.`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
