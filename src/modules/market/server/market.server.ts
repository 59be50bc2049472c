import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedMarketDemo } from '../demo/seed-market-demo.js';
import { analysesRoutes } from './analyses.routes.js';
import { comparablesRoutes } from './comparables.routes.js';
import { competitorsRoutes } from './competitors.routes.js';
import { datasetsRoutes } from './datasets.routes.js';
import { demandRoutes } from './demand.routes.js';
import { marketExposeSections } from './expose-section.js';
import { subscribeMarket } from './subscriptions.js';
import { trendsRoutes } from './trends.routes.js';

// Erasure needs no handler: market records and analyses cascade with their property and tenant.
export const marketServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(datasetsRoutes, { platform });
    await app.register(comparablesRoutes, { platform });
    await app.register(trendsRoutes, { platform });
    await app.register(analysesRoutes, { platform });
    await app.register(demandRoutes, { platform });
    await app.register(competitorsRoutes, { platform });
  },
  subscribe: subscribeMarket,
  seedDemo: seedMarketDemo,
  exposeSections: marketExposeSections,
};
