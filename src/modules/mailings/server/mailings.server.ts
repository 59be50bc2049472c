import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedMailingsDemo } from '../demo/seed-mailings-demo.js';
import { mailingSendJob } from './campaign-jobs.js';
import { campaignsRoutes } from './campaigns.routes.js';
import { consentsRoutes } from './consents.routes.js';
import { ownerReportRoutes } from './owner-report.routes.js';
import { enqueueWeeklyReports, ownerReportJob } from './owner-report-jobs.js';
import { templatesRoutes } from './templates.routes.js';
import { unsubscribeRoutes } from './unsubscribe.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();
/** How often the weekly owner reports are looked for; they are due from Monday 08:00 on. */
const WEEKLY_TICK_MS = 10 * 60_000;

// Erasure needs no handler: consents, recipients and owner reports cascade with the contact row.
export const mailingsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(templatesRoutes, { platform });
    await app.register(consentsRoutes, { platform });
    await app.register(campaignsRoutes, { platform });
    await app.register(ownerReportRoutes, { platform });
  },
  publicRoutes: async (app, { platform }) => {
    await app.register(unsubscribeRoutes, { platform });
  },
  jobs: (platform) => [
    mailingSendJob(platform) as JobDefinition<never>,
    ownerReportJob(platform) as JobDefinition<never>,
  ],
  seedDemo: seedMailingsDemo,
  schedules: async (platform) => {
    const tick = () =>
      void enqueueWeeklyReports(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'owner report scheduling failed'),
      );
    const timer = setInterval(tick, WEEKLY_TICK_MS);
    timer.unref();
    tickers.set(platform, timer);
    tick();
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
};
