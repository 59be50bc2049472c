import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { AdapterRegistry } from './adapters.js';
import { analyticsRoutes } from './analytics.routes.js';
import { mediaLibraryRoutes } from './media-library.routes.js';
import { COLLECT_METRICS_JOB, collectMetricsJob } from './metrics-job.js';
import { oauthRoutes } from './oauth.routes.js';
import { publicMediaRoutes } from './public-media.js';
import { publishTargetJob } from './publish-job.js';
import { socialRoutes } from './social.routes.js';
import { tiktokCreatorRoutes } from './tiktok-creator.routes.js';
import { REFRESH_TOKENS_JOB, refreshTokensJob } from './token-refresh.js';

const registries = new WeakMap<Platform, AdapterRegistry>();
const registryOf = (platform: Platform) => {
  let registry = registries.get(platform);
  if (!registry) {
    registry = new AdapterRegistry(platform);
    registries.set(platform, registry);
  }
  return registry;
};
const tickers = new WeakMap<Platform, NodeJS.Timeout>();

/**
 * Enqueues a metrics run for every office with published posts, and a token renewal for every
 * office with expiring live tokens. The idempotency key holds the
 * interval's number, so several server instances ticking at once still enqueue one run each.
 */
export async function enqueueMetricsRuns(platform: Platform, intervalMinutes: number): Promise<number> {
  const result = await platform.database.executeSql(
    `select distinct tenant_id from social_post_target where status = 'veroeffentlicht'`,
  );
  const bucket = Math.floor(Date.now() / (intervalMinutes * 60_000));
  for (const row of result.rows)
    await platform.jobs.enqueue(
      COLLECT_METRICS_JOB,
      { minAgeMinutes: Math.max(0, intervalMinutes - 5) },
      { tenantId: String(row.tenant_id), key: `interval:${row.tenant_id}:${intervalMinutes}:${bucket}` },
    );
  const live = await platform.database.executeSql(
    `select distinct tenant_id from social_account where mode = 'live' and token_expires_at is not null`,
  );
  for (const row of live.rows)
    await platform.jobs.enqueue(
      REFRESH_TOKENS_JOB,
      {},
      { tenantId: String(row.tenant_id), key: `interval:${row.tenant_id}:${intervalMinutes}:${bucket}` },
    );
  return result.rows.length;
}

export const socialServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(socialRoutes, { platform });
    await app.register(analyticsRoutes, { platform });
    await app.register(mediaLibraryRoutes, { platform });
    await app.register(tiktokCreatorRoutes, { platform, adapters: registryOf(platform) });
    await app.register(oauthRoutes, { platform });
  },
  publicRoutes: publicMediaRoutes,
  jobs: (platform) => [
    publishTargetJob(platform, registryOf(platform)) as JobDefinition<never>,
    collectMetricsJob(platform, registryOf(platform)) as JobDefinition<never>,
    refreshTokensJob(platform) as JobDefinition<never>,
  ],
  schedules: async (platform) => {
    const minutes = platform.config.env.SOCIAL_METRICS_INTERVAL_MINUTES;
    if (minutes === 0) return;
    const timer = setInterval(() => {
      enqueueMetricsRuns(platform, minutes).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'could not enqueue social metrics runs'),
      );
    }, minutes * 60_000);
    timer.unref();
    tickers.set(platform, timer);
  },
  onStop: async (platform) => {
    clearInterval(tickers.get(platform));
    await registries.get(platform)?.close();
  },
};

/** For tests: the adapters (and sandbox state) this platform's jobs use. */
export const adaptersOf = registryOf;
