import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;

/** Financing, side costs, affordability and investor calculators, with scenarios and client PDFs. */
export const financeModule = defineModule({
  id: 'finance',
  apiPrefix: 'finance',
  title: { de: 'Finanzierung', en: 'Finance' },
  description: {
    de: 'Finanzierungsplan, Angebotsvergleich, Kaufnebenkosten, Haushaltsrechnung und Renditerechnung – mit PDF für Kunden.',
    en: 'Financing plan, offer comparison, purchase costs, affordability and investor returns – with a PDF for clients.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'finance.calculate', label: { de: 'Rechner nutzen', en: 'Use calculators' }, roles: everyone },
    {
      id: 'finance.scenarios.write',
      label: { de: 'Berechnungen speichern und löschen', en: 'Save and delete calculations' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
  ],
  nav: [
    {
      path: '/finanzierung',
      label: { de: 'Finanzierung', en: 'Finance' },
      icon: 'calculator',
      permission: 'finance.calculate',
      order: 260,
    },
  ],
  server: () => import('./server/finance.server.js').then((m) => m.financeServer),
});
