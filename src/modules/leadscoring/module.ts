import { defineModule } from '../../platform/modules/module-manifest.js';

/** Which lead deserves the call today, and why: tracked interest, an explainable score, close probability. */
export const leadscoringModule = defineModule({
  id: 'leadscoring',
  title: { de: 'Lead-Scoring', en: 'Lead scoring' },
  description: {
    de: 'Interesse auf den eigenen Seiten (nur mit Einwilligung), Besichtigungen und Antworten ergeben eine erklärte Punktzahl 0–100; dazu eine kalibrierte Abschlusswahrscheinlichkeit aus den eigenen gewonnenen und verlorenen Leads.',
    en: 'Interest on the office’s own pages (only with consent), viewings and replies give an explained score 0–100, plus a calibrated close probability learned from the office’s own won and lost leads.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'leadscoring.read',
      label: { de: 'Lead-Scores und Gründe ansehen', en: 'View lead scores and reasons' },
      roles: ['owner', 'admin', 'agent', 'assistant', 'readonly'],
    },
    {
      id: 'leadscoring.write',
      label: {
        de: 'Qualifizierung erfassen und Scores manuell setzen',
        en: 'Record qualification and override scores',
      },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'leadscoring.manage',
      label: {
        de: 'Gewichtung, Aufbewahrung und Abschlussmodell des Büros',
        en: 'The office’s weights, retention and close model',
      },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/lead-scoring',
      label: { de: 'Lead-Scoring', en: 'Lead scoring' },
      icon: 'flame',
      permission: 'leadscoring.read',
      order: 114,
    },
  ],
  server: () => import('./server/leadscoring.server.js').then((m) => m.leadscoringServer),
});
