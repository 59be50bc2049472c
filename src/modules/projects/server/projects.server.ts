import type { JobDefinition } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedProjectsDemo } from '../demo/seed-projects-demo.js';
import { projectsAuditSubjects } from './audit-subjects.js';
import { automationRoutes } from './automation.routes.js';
import { AutomationEngine } from './automation-engine.js';
import { commentRoutes } from './comments.routes.js';
import { completeByDocument } from './document-completion.js';
import { connectorRoutes } from './integrations/connector.routes.js';
import { PlaneConnector } from './integrations/plane-connector.js';
import { syncRoutes } from './integrations/sync.routes.js';
import { SyncService } from './integrations/sync-service.js';
import { webhookDeliveryJob } from './integrations/webhook-delivery.js';
import { WebhookService } from './integrations/webhook-service.js';
import { webhookRoutes } from './integrations/webhooks.routes.js';
import { myDayRoutes } from './my-day.routes.js';
import { ProjectService } from './project-service.js';
import { projectRoutes } from './projects.routes.js';
import { stateRoutes } from './states.routes.js';
import { notifyAssignee, notifyDueToday } from './task-notifications.js';
import { TaskService } from './task-service.js';
import { taskRoutes } from './tasks.routes.js';
import { TemplateService } from './template-service.js';
import { templateRoutes } from './templates.routes.js';

const tickers = new WeakMap<Platform, NodeJS.Timeout>();
const engines = new WeakMap<Platform, AutomationEngine>();
const integrations = new WeakMap<
  Platform,
  { webhooks: WebhookService; sync: SyncService; plane: PlaneConnector }
>();

/**
 * One automation engine per platform: its rule cache, and the project, task and template services
 * it holds, serve the routes, the event handlers and the job alike.
 */
function engineOf(platform: Platform): AutomationEngine {
  let engine = engines.get(platform);
  if (!engine) {
    const projects = new ProjectService(platform);
    engine = new AutomationEngine({
      platform,
      projects,
      tasks: new TaskService(platform),
      templates: new TemplateService(projects),
    });
    engines.set(platform, engine);
  }
  return engine;
}

/** Webhooks and the inbound sync, one set per platform like the engine's services. */
function integrationsOf(platform: Platform) {
  let found = integrations.get(platform);
  if (!found) {
    const { projects, tasks } = engineOf(platform).services;
    const sync = new SyncService(platform, projects, tasks);
    found = {
      webhooks: new WebhookService(platform),
      sync,
      plane: new PlaneConnector(platform, tasks, sync),
    };
    integrations.set(platform, found);
  }
  return found;
}

export const projectsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    const engine = engineOf(platform);
    const { projects, templates, tasks } = engine.services;
    // Static paths (/tasks, /templates, /states, /my-day) before the project's /:id.
    await app.register(taskRoutes, { platform, tasks });
    await app.register(templateRoutes, { platform, templates });
    await app.register(stateRoutes, { platform });
    await app.register(myDayRoutes, { platform });
    await app.register(commentRoutes, { platform });
    await app.register(automationRoutes, { platform, engine });
    const { webhooks, sync, plane } = integrationsOf(platform);
    await app.register(webhookRoutes, { platform, webhooks });
    await app.register(syncRoutes, { platform, sync });
    await app.register(connectorRoutes, { platform, plane });
    await app.register(projectRoutes, { platform, projects, templates });
  },
  subscribe: (platform) => {
    platform.events.on('document.filed', 'projects', async (event) => {
      await completeByDocument(platform, event);
    });
    platform.events.on('task.assigned', 'projects', (event) => notifyAssignee(platform, event));
    engineOf(platform).subscribe();
    integrationsOf(platform).webhooks.subscribe();
    integrationsOf(platform).plane.subscribe();
  },
  // Hourly: assignees hear of tasks due today (once per task and day, see notifyDueToday).
  schedules: async (platform) => {
    const tick = () =>
      notifyDueToday(platform).catch((error: unknown) =>
        platform.logger.warn({ err: error }, 'due-task notifications failed'),
      );
    const timer = setInterval(tick, 60 * 60_000);
    timer.unref();
    tickers.set(platform, timer);
    void tick();
  },
  onStop: async (platform) => clearInterval(tickers.get(platform)),
  jobs: (platform) => [
    engineOf(platform).job() as JobDefinition<never>,
    webhookDeliveryJob(platform) as JobDefinition<never>,
    integrationsOf(platform).plane.job() as JobDefinition<never>,
  ],
  seedDemo: seedProjectsDemo,
  auditSubjects: projectsAuditSubjects,
};
