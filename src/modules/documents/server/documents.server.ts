import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { dataRoomRoutes } from './data-room.routes.js';
import { documentsRoutes } from './documents.routes.js';
import { extractTextJob } from './extract-text-job.js';
import { sealSignatureJob } from './seal-signature-job.js';
import { signatureRoutes } from './signatures.routes.js';

export const documentsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(documentsRoutes, { platform });
    await app.register(dataRoomRoutes, { platform });
    await app.register(signatureRoutes, { platform });
  },
  jobs: (platform) => [
    extractTextJob(platform) as JobDefinition<never>,
    sealSignatureJob(platform) as JobDefinition<never>,
  ],
};
