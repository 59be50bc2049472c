import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import '../../crm/events.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { accountsRoutes } from './accounts.routes.js';
import { listingsRoutes } from './listings.routes.js';
import {
  enqueueForProperty,
  enqueueNightly,
  enqueueOrphans,
  portalReconcileJob,
  portalSyncJob,
} from './portal-jobs.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();
const onMarket = (status: string) => (PUBLIC_STATUSES as readonly string[]).includes(status);

export const portalsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(accountsRoutes, { platform });
    await app.register(listingsRoutes, { platform });
  },
  jobs: (platform) => [
    portalSyncJob(platform) as JobDefinition<never>,
    portalReconcileJob(platform) as JobDefinition<never>,
  ],
  subscribe: (platform) => {
    platform.events.on('property.updated', 'portals', (e) =>
      enqueueForProperty(platform, e.tenantId, e.payload.propertyId),
    );
    // Leaving the market (sold, rented, withdrawn) goes out at once: a sold listing must not stay online.
    platform.events.on('property.status_changed', 'portals', (e) =>
      enqueueForProperty(platform, e.tenantId, e.payload.propertyId, {
        immediate: onMarket(e.payload.from) !== onMarket(e.payload.to),
      }),
    );
    platform.events.on('property.deleted', 'portals', (e) => enqueueOrphans(platform, e.tenantId));
  },
  schedules: async (platform) => {
    const tick = () =>
      void enqueueNightly(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'portal reconciliation scheduling failed'),
      );
    const timer = setInterval(tick, 60_000);
    timer.unref();
    tickers.set(platform, timer);
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
};
