import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { calculatorRoutes } from './calculators.routes.js';
import { pdfRoutes } from './pdf.routes.js';
import { scenarioRoutes } from './scenarios.routes.js';

export const financeServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(calculatorRoutes, { platform });
    await app.register(scenarioRoutes, { platform });
    await app.register(pdfRoutes, { platform });
  },
};
