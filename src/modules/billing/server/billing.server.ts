import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { billingInvoicesRoutes } from './billing-invoices.routes.js';
import { planRoutes } from './plan.routes.js';
import { stripeRoutes, stripeWebhookRoutes } from './stripe.routes.js';

export const billingServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(planRoutes, { platform });
    await app.register(billingInvoicesRoutes, { platform });
    await app.register(stripeRoutes, { platform });
    await app.register(stripeWebhookRoutes, { platform });
  },
};
