import { defineModule } from '../../platform/modules/module-manifest.js';

/**
 * The operators' panel (`/superadmin`): every office with its plan and usage, the system's
 * health, usage over time, and deactivating an office. Reached only by super-admins (a role
 * above the offices, granted with `npm run superadmin`); every request is kept in their log.
 */
export const superadminModule = defineModule({
  id: 'superadmin',
  title: { de: 'Plattform-Betrieb', en: 'Platform operations' },
  description: {
    de: 'Übersicht aller Büros, Systemzustand und Nutzung für die Betreiber der Plattform.',
    en: 'All offices, system health and usage for the operators of the platform.',
  },
  dependsOn: ['admin', 'crm', 'billing'],
  core: false,
  defaultEnabled: true,
  permissions: [],
  nav: [],
  operatorNav: [
    {
      path: '/superadmin',
      label: { de: 'Plattform-Betrieb', en: 'Platform operations' },
      icon: 'server',
      order: 990,
    },
  ],
  server: () => import('./server/superadmin.server.js').then((m) => m.superadminServer),
});
