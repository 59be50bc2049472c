import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AutomationPage } from './automation-page.js';
import { IntegrationsPage } from './integrations-page.js';
import { ProjectPage } from './project-page.js';
import { ProjectsPage } from './projects-page.js';
import { TasksPage } from './tasks-page.js';
import { TemplatesPage } from './templates-page.js';

export const routes: ModuleRoute[] = [
  { path: 'projekte', element: <ProjectsPage /> },
  { path: 'projekte/automationen', element: <AutomationPage /> },
  { path: 'projekte/integrationen', element: <IntegrationsPage /> },
  { path: 'projekte/vorlagen', element: <TemplatesPage /> },
  { path: 'projekte/:projectId', element: <ProjectPage /> },
  { path: 'aufgaben', element: <TasksPage /> },
];
