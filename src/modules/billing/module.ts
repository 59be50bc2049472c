import { defineModule } from '../../platform/modules/module-manifest.js';

/** The office's plan, what it allows and what is used of it. Always on. */
export const billingModule = defineModule({
  id: 'billing',
  title: { de: 'Abrechnung', en: 'Billing' },
  description: {
    de: 'Tarif des Büros, seine Grenzen (Benutzer, Objekte) und die aktuelle Nutzung.',
    en: "The office's plan, its limits (users, listings) and current usage.",
  },
  dependsOn: ['admin', 'crm'],
  core: true,
  defaultEnabled: true,
  permissions: [
    {
      id: 'billing.read',
      label: { de: 'Tarif und Nutzung ansehen', en: 'View plan and usage' },
      roles: ['owner', 'admin'],
    },
    {
      id: 'billing.manage',
      label: { de: 'Tarif buchen und Abo verwalten', en: 'Buy a plan and manage the subscription' },
      roles: ['owner'],
    },
  ],
  nav: [
    {
      path: '/abrechnung',
      label: { de: 'Abrechnung', en: 'Billing' },
      icon: 'receipt',
      permission: 'billing.read',
      order: 940,
    },
  ],
  server: () => import('./server/billing.server.js').then((m) => m.billingServer),
});
