import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { demoPhotosJob, seedCrmDemo } from '../demo/seed-crm-demo.js';
import { openimmoRoutes } from '../openimmo/openimmo.routes.js';
import { openimmoExportJob } from '../openimmo/openimmo-export.js';
import { activityRoutes } from './activities.routes.js';
import { crmAuditSubjects } from './audit-subjects.js';
import { contactRoutes } from './contacts.routes.js';
import { mediaRoutes } from './media.routes.js';
import { propertyRoutes } from './properties.routes.js';
import { propertyMediaSource } from './property-media-source.js';
import { publicListingRoutes } from './public-listing.routes.js';
import { savedFilterRoutes } from './saved-filters.routes.js';
import { searchRequestRoutes } from './search-requests.routes.js';
import { viewingRoutes } from './viewings.routes.js';

export const crmServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(propertyRoutes, { prefix: '/properties', platform });
    await app.register(contactRoutes, { prefix: '/contacts', platform });
    await app.register(mediaRoutes, { platform });
    await app.register(searchRequestRoutes, { platform });
    await app.register(activityRoutes, { platform });
    await app.register(viewingRoutes, { platform });
    await app.register(savedFilterRoutes, { platform });
    await app.register(openimmoRoutes, { prefix: '/openimmo', platform });
  },
  publicRoutes: publicListingRoutes,
  jobs: (platform) => [
    demoPhotosJob(platform) as JobDefinition<never>,
    openimmoExportJob(platform) as JobDefinition<never>,
  ],
  seedDemo: seedCrmDemo,
  mediaSources: { 'crm.property-media': propertyMediaSource },
  auditSubjects: crmAuditSubjects,
};
