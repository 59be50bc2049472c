import { defineModule } from '../../platform/modules/module-manifest.js';

/** Listings out to the portals: ImmoScout24 by its REST API, every other portal by OpenImmo over FTP/SFTP. */
export const portalsModule = defineModule({
  id: 'portals',
  title: { de: 'Portale', en: 'Portals' },
  description: {
    de: 'Objekte an ImmoScout24 (Schnittstelle) und an Immowelt, Kleinanzeigen, Homegate und jedes OpenImmo-Portal (FTP/SFTP) senden; Änderungen gehen automatisch nach, verkaufte Objekte gehen offline, nächtlicher Abgleich.',
    en: 'Send listings to ImmoScout24 (API) and to Immowelt, Kleinanzeigen, Homegate and any OpenImmo portal (FTP/SFTP); changes follow automatically, sold listings go offline, nightly reconciliation.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'portals.read',
      label: { de: 'Portal-Status der Objekte ansehen', en: 'View listings’ portal status' },
      roles: ['owner', 'admin', 'agent', 'assistant', 'readonly'],
    },
    {
      id: 'portals.publish',
      label: {
        de: 'Objekte auf Portalen veröffentlichen und zurückziehen',
        en: 'Publish and withdraw listings on portals',
      },
      roles: ['owner', 'admin', 'agent'],
    },
    {
      id: 'portals.manage',
      label: { de: 'Portal-Zugänge des Büros verwalten', en: 'Manage the office’s portal accounts' },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/portale',
      label: { de: 'Portale', en: 'Portals' },
      icon: 'globe',
      permission: 'portals.read',
      order: 135,
    },
  ],
  server: () => import('./server/portals.server.js').then((m) => m.portalsServer),
});
