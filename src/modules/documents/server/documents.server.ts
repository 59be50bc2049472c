import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { documentsRoutes } from './documents.routes.js';

export const documentsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(documentsRoutes, { platform });
  },
};
