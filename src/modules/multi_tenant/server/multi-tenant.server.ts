import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { demoDataJob } from './demo-data.job.js';
import { signupRoutes } from './signup.routes.js';

export const multiTenantServer: ModuleServer = {
  routes: signupRoutes,
  jobs: (platform) => [demoDataJob(platform) as JobDefinition<never>],
};
