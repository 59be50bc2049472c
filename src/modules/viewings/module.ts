import { defineModule } from '../../platform/modules/module-manifest.js';

/** Viewings end to end: invitations with calendar files, reminders, visitor links, check-in, feedback, routes. */
export const viewingsModule = defineModule({
  id: 'viewings',
  title: { de: 'Besichtigungen', en: 'Viewings' },
  description: {
    de: 'Einladungen mit Kalenderdatei, Erinnerungen, Bestätigen und Absagen per Link, Massentermine mit Buchungsseite, QR-Check-in als Nachweis, Feedback, Tourenplanung und Statistik.',
    en: 'Invitations with calendar files, reminders, confirm and cancel links, group viewings with a booking page, QR check-in as evidence, feedback, route planning and statistics.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'viewings.read',
      label: {
        de: 'Besucher, Nachrichten und Statistik ansehen',
        en: 'View visitors, messages and statistics',
      },
      roles: ['owner', 'admin', 'agent', 'assistant', 'readonly'],
    },
    {
      id: 'viewings.write',
      label: {
        de: 'Besucher einchecken, Massentermine anlegen',
        en: 'Check visitors in, set up group viewings',
      },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'viewings.manage',
      label: {
        de: 'Erinnerungen und Termindauer des Büros festlegen',
        en: 'Set the office’s reminders and durations',
      },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/besichtigungen/tour',
      label: { de: 'Tourenplanung', en: 'Route planning' },
      icon: 'route',
      permission: 'viewings.read',
      order: 125,
    },
  ],
  server: () => import('./server/viewings.server.js').then((m) => m.viewingsServer),
});
