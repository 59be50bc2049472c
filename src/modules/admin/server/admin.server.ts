import { inArray } from 'drizzle-orm';
import { apiKey } from '../../../platform/auth/api-key.schema.js';
import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { auditRoutes } from './audit.routes.js';
import { domainRoutes } from './domain.routes.js';
import { exportRoutes } from './export.routes.js';
import { invitationRoutes } from './invitations.routes.js';
import { jobRoutes } from './jobs.routes.js';
import { memberRoutes } from './members.routes.js';
import { officeDeletionRoutes } from './office-deletion.routes.js';
import { enqueueOfficePurge, PURGE_EVERY_MS, purgeOfficesJob } from './office-deletion-job.js';
import { settingsRoutes } from './settings.routes.js';
import { supportAccessRoutes } from './support-access.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const adminServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(memberRoutes, { prefix: '/members', platform });
    await app.register(invitationRoutes, { prefix: '/invitations', platform });
    await app.register(auditRoutes, { prefix: '/audit-log', platform });
    await app.register(jobRoutes, { prefix: '/jobs', platform });
    await app.register(settingsRoutes, { prefix: '/settings', platform });
    await app.register(exportRoutes, { platform });
    await app.register(domainRoutes, { prefix: '/domain', platform });
    await app.register(supportAccessRoutes, { prefix: '/support-access', platform });
    await app.register(officeDeletionRoutes, { prefix: '/office-deletion', platform });
    await app.register(apiKeyRoutes, { prefix: '/api-keys', platform });
  },
  auditSubjects: {
    api_key: async (tx, ids) => {
      const rows = await tx
        .select({ id: apiKey.id, name: apiKey.name })
        .from(apiKey)
        .where(inArray(apiKey.id, ids));
      return new Map(rows.map((r) => [r.id, { label: r.name, path: '/einstellungen' }]));
    },
  },
  jobs: (platform) => [purgeOfficesJob(platform) as JobDefinition<never>],
  schedules: async (platform) => {
    const tick = () =>
      void enqueueOfficePurge(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'office purge scheduling failed'),
      );
    const timer = setInterval(tick, PURGE_EVERY_MS);
    timer.unref();
    tickers.set(platform, timer);
  },
  onStop: async (platform) => {
    clearInterval(tickers.get(platform));
  },
};
