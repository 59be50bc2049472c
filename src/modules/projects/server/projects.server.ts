import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { seedProjectsDemo } from '../demo/seed-projects-demo.js';
import { completeByDocument } from './document-completion.js';
import { myDayRoutes } from './my-day.routes.js';
import { ProjectService } from './project-service.js';
import { projectRoutes } from './projects.routes.js';
import { stateRoutes } from './states.routes.js';
import { TaskService } from './task-service.js';
import { taskRoutes } from './tasks.routes.js';
import { TemplateService } from './template-service.js';
import { templateRoutes } from './templates.routes.js';

export const projectsServer: ModuleServer = {
  routes: async (app, { platform }) => {
    const projects = new ProjectService(platform);
    const templates = new TemplateService(projects);
    const tasks = new TaskService(platform);
    // Static paths (/tasks, /templates, /states, /my-day) before the project's /:id.
    await app.register(taskRoutes, { platform, tasks });
    await app.register(templateRoutes, { platform, templates });
    await app.register(stateRoutes, { platform });
    await app.register(myDayRoutes, { platform });
    await app.register(projectRoutes, { platform, projects, templates });
  },
  subscribe: (platform) => {
    platform.events.on('document.filed', 'projects', async (event) => {
      await completeByDocument(platform, event);
    });
  },
  seedDemo: seedProjectsDemo,
};
