import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedDocumentsDemo } from '../demo/seed-documents-demo.js';
import { dataRoomRoutes } from './data-room.routes.js';
import { documentsRoutes } from './documents.routes.js';
import { enqueueExpiryReminders, expiryRemindersJob } from './expiry-reminders-job.js';
import { extractTextJob } from './extract-text-job.js';
import { sweepDocumentFiles } from './file-sweep.js';
import { reminderRoutes } from './reminders.routes.js';
import { sealSignatureJob } from './seal-signature-job.js';
import { signatureRoutes } from './signatures.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const documentsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(documentsRoutes, { platform });
    await app.register(dataRoomRoutes, { platform });
    await app.register(signatureRoutes, { platform });
    await app.register(reminderRoutes, { platform });
  },
  jobs: (platform) => [
    extractTextJob(platform) as JobDefinition<never>,
    sealSignatureJob(platform) as JobDefinition<never>,
    expiryRemindersJob(platform) as JobDefinition<never>,
  ],
  // Hourly ticks: each office's reminder run is keyed by the day, so it happens once a day;
  // the file sweep catches anything an event-driven sweep missed.
  schedules: async (platform) => {
    const tick = () =>
      Promise.all([enqueueExpiryReminders(platform), sweepDocumentFiles(platform)]).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'document reminders or file sweep failed'),
      );
    const timer = setInterval(tick, 60 * 60_000);
    timer.unref();
    tickers.set(platform, timer);
    void tick();
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
  seedDemo: seedDocumentsDemo,
  // A folder removed with its property or erased contact takes its files along at once.
  subscribe: (platform) => {
    const sweep = () => sweepDocumentFiles(platform).then(() => undefined);
    platform.events.on('contact.erased', 'documents', sweep);
    platform.events.on('property.deleted', 'documents', sweep);
  },
};
