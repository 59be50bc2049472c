import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import '../../crm/events.js';
import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import { seedViewingsDemo } from '../demo/seed-viewings-demo.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import {
  calendarPushJob,
  calendarSyncJob,
  enqueuePush,
  enqueueStaleSyncs,
} from './calendar/calendar-jobs.js';
import { feedPublicRoutes, feedRoutes } from './feed.routes.js';
import { cancelDeleted, syncVisitors } from './participant-sync.js';
import { sendDueMessages } from './reminder-tick.js';
import { routePlanRoutes } from './route-plan.routes.js';
import { smsWebhookRoutes } from './sms-webhook.routes.js';
import { statsRoutes } from './stats.routes.js';
import { viewingsRoutes } from './viewings.routes.js';
import { visitorPageRoutes } from './visitor-pages.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();

export const viewingsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    // Static paths (/settings, /stats, /route, /messages) before /:viewingId.
    await app.register(statsRoutes, { platform });
    await app.register(feedRoutes, { platform });
    await app.register(calendarRoutes, { platform });
    await app.register(routePlanRoutes, { platform });
    await app.register(viewingsRoutes, { platform });
  },
  publicRoutes: async (app, { platform }) => {
    await app.register(visitorPageRoutes, { platform });
    await app.register(feedPublicRoutes, { platform });
    await app.register(smsWebhookRoutes, { platform });
  },
  jobs: (platform) => [
    calendarPushJob(platform) as JobDefinition<never>,
    calendarSyncJob(platform) as JobDefinition<never>,
  ],
  subscribe: (platform) => {
    platform.events.on('viewing.planned', 'viewings', async (e) => {
      await syncVisitors(platform, e.tenantId, e.payload.viewingId, 'planned');
      await enqueuePush(platform, e.tenantId, e.payload.viewingId);
    });
    platform.events.on('viewing.changed', 'viewings', async (e) => {
      await syncVisitors(platform, e.tenantId, e.payload.viewingId, e.payload.fields);
      await enqueuePush(platform, e.tenantId, e.payload.viewingId);
    });
    platform.events.on('viewing.deleted', 'viewings', async (e) => {
      await cancelDeleted(platform, e);
      await enqueuePush(platform, e.tenantId, e.payload.viewingId);
    });
  },
  // Every minute: reminders before and feedback requests after viewings (once each, see
  // sendDueMessages), and a pull of each connected calendar whose last one is older than its interval.
  schedules: async (platform) => {
    const tick = () => {
      void sendDueMessages(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'viewing reminders failed'),
      );
      void enqueueStaleSyncs(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'calendar sync scheduling failed'),
      );
    };
    const timer = setInterval(tick, 60_000);
    timer.unref();
    tickers.set(platform, timer);
    void tick();
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
  seedDemo: seedViewingsDemo,
};
