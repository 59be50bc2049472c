import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** Projects, tasks and follow-ups: Kanban, Gantt, workflow templates, "Mein Tag". */
export const projectsModule = defineModule({
  id: 'projects',
  apiPrefix: 'projects',
  title: { de: 'Projekte & Aufgaben', en: 'Projects & tasks' },
  description: {
    de: 'Jedes Objekt und jeder Abschluss als Projekt: Aufgaben, Abhängigkeiten, Wiedervorlagen, Vorlagen für Akquise bis Notar.',
    en: 'Every listing and deal as a project: tasks, dependencies, follow-ups, templates from acquisition to notary.',
  },
  dependsOn: ['admin', 'crm', 'documents'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'projects.read',
      label: { de: 'Projekte und Aufgaben ansehen', en: 'View projects and tasks' },
      roles: everyone,
    },
    {
      id: 'projects.write',
      label: { de: 'Projekte und Aufgaben bearbeiten', en: 'Edit projects and tasks' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'projects.manage',
      label: { de: 'Vorlagen und Aufgabenstatus verwalten', en: 'Manage templates and task states' },
      roles: ['owner', 'admin'],
    },
    {
      id: 'projects.integrations',
      label: {
        de: 'Webhooks, Sync-Zugänge und Plane-Anbindung verwalten',
        en: 'Manage webhooks, sync tokens and the Plane connection',
      },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/projekte',
      label: { de: 'Projekte', en: 'Projects' },
      icon: 'kanban',
      permission: 'projects.read',
      order: 140,
    },
    {
      path: '/aufgaben',
      label: { de: 'Aufgaben', en: 'Tasks' },
      icon: 'check-square',
      permission: 'projects.read',
      order: 145,
    },
  ],
  server: () => import('./server/projects.server.js').then((m) => m.projectsServer),
});
