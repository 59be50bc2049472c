import { sql } from 'drizzle-orm';
import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedLeadScoringDemo } from '../demo/seed-leadscoring-demo.js';
import { leadScore, segmentMember } from '../schema.js';
import { consentBanner } from './consent-banner.js';
import { leadScoringExport } from './contact-export.js';
import { enqueueNightly, rescoreJob, retrainJob } from './jobs.js';
import { mailTracker } from './mail-tracker.js';
import { mailTrackingRoutes } from './mail-tracking.routes.js';
import { scoresRoutes } from './scores.routes.js';
import { segmentsRoutes } from './segments.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { subscribeLeadScoring } from './subscriptions.js';
import { trackingRoutes } from './tracking.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();
const TICK_MS = 15 * 60_000;

// Erasure needs no handler: scores, events, visitors and qualification cascade with the contact row.
export const leadscoringServer: ModuleServer = {
  routes: async (app, { platform }) => {
    await app.register(scoresRoutes, { platform });
    await app.register(settingsRoutes, { platform });
    await app.register(segmentsRoutes, { platform });
  },
  publicRoutes: async (app, { platform }) => {
    await app.register(trackingRoutes, { platform });
    await app.register(mailTrackingRoutes, { platform });
  },
  jobs: (platform) => [
    rescoreJob(platform) as JobDefinition<never>,
    retrainJob(platform) as JobDefinition<never>,
  ],
  subscribe: subscribeLeadScoring,
  publicPageAddons: consentBanner,
  contactExport: leadScoringExport,
  contactList: {
    filters: {
      segment: (contactId, segmentId) =>
        sql`exists (select 1 from ${segmentMember} m where m.contact_id = ${contactId} and m.segment_id = ${segmentId})`,
    },
    sorts: {
      score: (contactId) => sql`(select s.total from ${leadScore} s where s.contact_id = ${contactId})`,
    },
  },
  seedDemo: seedLeadScoringDemo,
  // Every process: mails written by an API replica carry the tracking links too.
  onStart: async (platform) => {
    platform.mail.setTracker(mailTracker(platform));
  },
  schedules: async (platform) => {
    const tick = () =>
      void enqueueNightly(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'lead scoring nightly scheduling failed'),
      );
    const timer = setInterval(tick, TICK_MS);
    timer.unref();
    tickers.set(platform, timer);
    tick();
  },
  onStop: async (platform) => {
    clearInterval(tickers.get(platform));
    platform.mail.setTracker(null);
  },
};
