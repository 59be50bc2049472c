import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { models3dRoutes } from './models3d.routes.js';
import { readPlanJob } from './plan-service.js';
import { planRoutes } from './plans.routes.js';
import { listingEmbeds } from './public-models.js';

export const models3dServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(models3dRoutes, { platform });
    await app.register(planRoutes, { platform });
  },
  jobs: (platform) => [readPlanJob(platform) as JobDefinition<never>],
  publicListingEmbeds: listingEmbeds,
};
