import { defineModule } from '../../platform/modules/module-manifest.js';

/**
 * Broker networks (Maklernetzwerke): member offices pool their listings, a public inquiry form
 * routes leads to the office its rules name, and the network's administrators see central
 * reports. Every member decides what it shares; row-level security enforces it.
 */
export const networksModule = defineModule({
  id: 'networks',
  title: { de: 'Maklernetzwerke', en: 'Broker networks' },
  description: {
    de: 'Objekt-Pool, Lead-Verteilung und zentrale Berichte für Büros eines Maklernetzwerks.',
    en: 'Listing pool, lead routing and central reports for the offices of a broker network.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'networks.read',
      label: { de: 'Netzwerk und Objekt-Pool ansehen', en: 'View network and listing pool' },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'networks.manage',
      label: {
        de: 'Festlegen, was das Büro mit dem Netzwerk teilt',
        en: 'Decide what the office shares with the network',
      },
      roles: ['owner'],
    },
  ],
  nav: [
    {
      path: '/netzwerk-pool',
      label: { de: 'Netzwerk', en: 'Network' },
      icon: 'network',
      permission: 'networks.read',
      order: 925,
    },
  ],
  operatorNav: [
    {
      path: '/superadmin/netzwerke',
      label: { de: 'Maklernetzwerke', en: 'Broker networks' },
      icon: 'network',
      order: 991,
    },
  ],
  server: () => import('./server/networks.server.js').then((m) => m.networksServer),
});
