import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;
const managers = ['owner', 'admin'] as const;

/** Team, invitations, audit log, jobs and branding of a broker office. Always on. */
export const adminModule = defineModule({
  id: 'admin',
  title: { de: 'Verwaltung', en: 'Administration' },
  description: {
    de: 'Team und Rollen, Einladungen, Protokoll, Hintergrundaufträge und Branding des Maklerbüros.',
    en: "Team and roles, invitations, audit log, background jobs and the office's branding.",
  },
  dependsOn: [],
  core: true,
  defaultEnabled: true,
  permissions: [
    { id: 'admin.members.read', label: { de: 'Team ansehen', en: 'View team' }, roles: everyone },
    {
      id: 'admin.members.manage',
      label: { de: 'Team und Einladungen verwalten', en: 'Manage team and invitations' },
      roles: managers,
    },
    { id: 'admin.audit.read', label: { de: 'Protokoll ansehen', en: 'View audit log' }, roles: managers },
    {
      id: 'admin.jobs.read',
      label: { de: 'Hintergrundaufträge ansehen', en: 'View background jobs' },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'admin.jobs.manage',
      label: { de: 'Hintergrundaufträge wiederholen/abbrechen', en: 'Retry or cancel jobs' },
      roles: managers,
    },
    {
      id: 'admin.settings.read',
      label: { de: 'Einstellungen ansehen', en: 'View settings' },
      roles: everyone,
    },
    {
      id: 'admin.settings.manage',
      label: { de: 'Einstellungen und Branding ändern', en: 'Change settings and branding' },
      roles: managers,
    },
    {
      id: 'admin.api_keys.manage',
      label: { de: 'API-Schlüssel für Anbindungen verwalten', en: 'Manage API keys for integrations' },
      roles: managers,
    },
    {
      id: 'admin.support.grant',
      label: { de: 'Dem Plattform-Support Zugriff erlauben', en: "Allow the platform's support in" },
      roles: ['owner'],
    },
    {
      id: 'admin.office.export',
      label: { de: 'Alle Daten des Büros exportieren', en: "Export all of the office's data" },
      roles: ['owner'],
    },
    {
      id: 'admin.office.delete',
      label: { de: 'Das Büro löschen', en: 'Delete the office' },
      roles: ['owner'],
    },
  ],
  nav: [
    {
      path: '/team',
      label: { de: 'Team', en: 'Team' },
      icon: 'users',
      permission: 'admin.members.read',
      order: 900,
    },
    {
      path: '/auftraege',
      label: { de: 'Aufträge', en: 'Jobs' },
      icon: 'list-checks',
      permission: 'admin.jobs.read',
      order: 910,
    },
    {
      path: '/protokoll',
      label: { de: 'Protokoll', en: 'Audit log' },
      icon: 'scroll-text',
      permission: 'admin.audit.read',
      order: 920,
    },
    {
      path: '/einstellungen',
      label: { de: 'Einstellungen', en: 'Settings' },
      icon: 'settings',
      permission: 'admin.settings.read',
      order: 930,
    },
  ],
  server: () => import('./server/admin.server.js').then((m) => m.adminServer),
});
