import { defineModule } from '../../platform/modules/module-manifest.js';

const everyone = ['owner', 'admin', 'agent', 'assistant', 'readonly'] as const;
const staff = ['owner', 'admin', 'agent', 'assistant'] as const;

/** Properties, contacts and leads, search requests and matching, viewings, public listing pages. */
export const crmModule = defineModule({
  id: 'crm',
  title: { de: 'CRM', en: 'CRM' },
  description: {
    de: 'Objekte, Kontakte und Leads, Suchprofile mit Matching, Besichtigungen und öffentliche Exposé-Seiten.',
    en: 'Properties, contacts and leads, search requests with matching, viewings and public listing pages.',
  },
  dependsOn: ['admin'],
  core: false,
  defaultEnabled: true,
  permissions: [
    { id: 'crm.properties.read', label: { de: 'Objekte ansehen', en: 'View properties' }, roles: everyone },
    {
      id: 'crm.properties.write',
      label: { de: 'Objekte anlegen und bearbeiten', en: 'Create and edit properties' },
      roles: staff,
    },
    {
      id: 'crm.properties.delete',
      label: { de: 'Objekte löschen', en: 'Delete properties' },
      roles: ['owner', 'admin', 'agent'],
    },
    { id: 'crm.contacts.read', label: { de: 'Kontakte ansehen', en: 'View contacts' }, roles: everyone },
    {
      id: 'crm.contacts.write',
      label: { de: 'Kontakte anlegen und bearbeiten', en: 'Create and edit contacts' },
      roles: staff,
    },
    {
      id: 'crm.contacts.erase',
      label: {
        de: 'Kontaktdaten exportieren und löschen (DSGVO)',
        en: 'Export and erase contact data (GDPR)',
      },
      roles: ['owner', 'admin'],
    },
    {
      id: 'crm.viewings.read',
      label: { de: 'Besichtigungen ansehen', en: 'View viewings' },
      roles: everyone,
    },
    { id: 'crm.viewings.write', label: { de: 'Besichtigungen planen', en: 'Plan viewings' }, roles: staff },
    {
      id: 'crm.filters.write',
      label: { de: 'Eigene Filter speichern', en: 'Save own filters' },
      roles: staff,
    },
  ],
  nav: [
    {
      path: '/objekte',
      label: { de: 'Objekte', en: 'Properties' },
      icon: 'building',
      permission: 'crm.properties.read',
      order: 100,
    },
    {
      path: '/kontakte',
      label: { de: 'Kontakte', en: 'Contacts' },
      icon: 'contact',
      permission: 'crm.contacts.read',
      order: 110,
    },
    {
      path: '/besichtigungen',
      label: { de: 'Besichtigungen', en: 'Viewings' },
      icon: 'calendar',
      permission: 'crm.viewings.read',
      order: 120,
    },
  ],
  server: () => import('./server/crm.server.js').then((m) => m.crmServer),
});
