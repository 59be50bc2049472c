import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedMailingsDemo } from '../demo/seed-mailings-demo.js';
import { mailingSendJob } from './campaign-jobs.js';
import { campaignsRoutes } from './campaigns.routes.js';
import { consentsRoutes } from './consents.routes.js';
import { templatesRoutes } from './templates.routes.js';
import { unsubscribeRoutes } from './unsubscribe.routes.js';

// Erasure needs no handler: consents and recipients cascade with the contact row.
export const mailingsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(templatesRoutes, { platform });
    await app.register(consentsRoutes, { platform });
    await app.register(campaignsRoutes, { platform });
  },
  publicRoutes: async (app, { platform }) => {
    await app.register(unsubscribeRoutes, { platform });
  },
  jobs: (platform) => [mailingSendJob(platform) as JobDefinition<never>],
  seedDemo: seedMailingsDemo,
};
