import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { inboxRoutes } from './inbox.routes.js';
import { enqueueFetches, inboxFetchJob } from './inbox-jobs.js';
import { replyRoutes } from './reply.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const inboxServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(inboxRoutes, { platform });
    await app.register(replyRoutes, { platform });
  },
  jobs: (platform) => [inboxFetchJob(platform) as JobDefinition<never>],
  // Erasure needs no handler: an erased contact's mails cascade with the contact row (GDPR Art. 17).
  // Every minute a round per mailbox (polling; the key keeps it to one across servers).
  schedules: async (platform) => {
    const tick = () =>
      void enqueueFetches(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'inbox fetch scheduling failed'),
      );
    const timer = setInterval(tick, 60_000);
    timer.unref();
    tickers.set(platform, timer);
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
};
