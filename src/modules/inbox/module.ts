import { defineModule } from '../../platform/modules/module-manifest.js';

/** Mailboxes by IMAP: portal inquiries become leads, other mail is filed on its contact. */
export const inboxModule = defineModule({
  id: 'inbox',
  title: { de: 'Posteingang', en: 'Inbox' },
  description: {
    de: 'Postfächer per IMAP anbinden: Anfragen von ImmoScout24, Immowelt, Kleinanzeigen und OpenImmo-Feedback werden zu Leads mit Exposé-Link, andere E-Mails landen beim Kontakt.',
    en: 'Connect mailboxes by IMAP: inquiries from ImmoScout24, Immowelt, Kleinanzeigen and OpenImmo feedback become leads with an exposé link, other mail is filed on its contact.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'inbox.read',
      label: { de: 'Posteingang ansehen', en: 'View the inbox' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'inbox.write',
      label: { de: 'Eigenes Postfach verbinden und abrufen', en: 'Connect and fetch one’s own mailbox' },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'inbox.manage',
      label: { de: 'Büro-Postfächer verwalten', en: 'Manage the office’s mailboxes' },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/posteingang',
      label: { de: 'Posteingang', en: 'Inbox' },
      icon: 'inbox',
      permission: 'inbox.read',
      order: 112,
    },
  ],
  server: () => import('./server/inbox.server.js').then((m) => m.inboxServer),
});
