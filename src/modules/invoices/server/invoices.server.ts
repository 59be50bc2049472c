import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { invoiceSettingsRoutes } from './invoice-settings.routes.js';
import { invoicesRoutes } from './invoices.routes.js';

export const invoicesServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(invoiceSettingsRoutes, { platform });
    await app.register(invoicesRoutes, { platform });
  },
};
