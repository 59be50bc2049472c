import { eq } from 'drizzle-orm';
import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import '../../crm/events.js';
import { inboxMessage } from '../schema.js';
import { inboxRoutes } from './inbox.routes.js';
import { enqueueFetches, inboxFetchJob } from './inbox-jobs.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const inboxServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(inboxRoutes, { platform });
  },
  jobs: (platform) => [inboxFetchJob(platform) as JobDefinition<never>],
  subscribe: (platform) => {
    // GDPR Art. 17: an erased contact's mails go with it.
    platform.events.on('contact.erased', 'inbox', (e) =>
      platform.database.withTenant(e.tenantId, async (tx) => {
        await tx.delete(inboxMessage).where(eq(inboxMessage.contactId, e.payload.contactId));
      }),
    );
  },
  // Every minute a round per mailbox (polling; the key keeps it to one across servers).
  onStart: async (platform) => {
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
