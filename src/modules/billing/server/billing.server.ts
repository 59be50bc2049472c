import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { billingInvoicesRoutes } from './billing-invoices.routes.js';
import { planRoutes } from './plan.routes.js';
import { stripeRoutes, stripeWebhookRoutes } from './stripe.routes.js';
import { stripeSetup } from './stripe-gateway.js';
import { enqueueUsageReport, REPORT_EVERY_MS, reportUsageJob } from './usage-reporter.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const billingServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(planRoutes, { platform });
    await app.register(billingInvoicesRoutes, { platform });
    await app.register(stripeRoutes, { platform });
    await app.register(stripeWebhookRoutes, { platform });
  },
  jobs: (platform) => [reportUsageJob(platform) as JobDefinition<never>],
  schedules: async (platform) => {
    // Usage goes to Stripe only where Stripe bills; AI cost and portal exports fill the ledger either way.
    if (!stripeSetup(platform)) return;
    const tick = () =>
      void enqueueUsageReport(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'usage report scheduling failed'),
      );
    const timer = setInterval(tick, REPORT_EVERY_MS);
    timer.unref();
    tickers.set(platform, timer);
  },
  onStop: async (platform) => {
    clearInterval(tickers.get(platform));
  },
};
