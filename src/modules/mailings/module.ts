import { defineModule } from '../../platform/modules/module-manifest.js';

/** E-mail templates and offers to matching search profiles, with the consent UWG § 7 requires. */
export const mailingsModule = defineModule({
  id: 'mailings',
  title: { de: 'Angebotsversand', en: 'Offer mailings' },
  description: {
    de: 'E-Mail-Vorlagen mit Platzhaltern; ein Objekt an alle passenden Suchprofile anbieten – nur an Kontakte mit Werbeeinwilligung, gedrosselt, mit Fortschritt und Abmeldelink.',
    en: 'E-mail templates with placeholders; offer a listing to every matching search profile – only to contacts who consented to advertising, throttled, with progress and an unsubscribe link.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'mailings.read',
      label: {
        de: 'Vorlagen, Einwilligungen und Versände ansehen',
        en: 'View templates, consents and mailings',
      },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'mailings.write',
      label: {
        de: 'Vorlagen bearbeiten und Werbeeinwilligungen erfassen',
        en: 'Edit templates and record advertising consent',
      },
      roles: ['owner', 'admin', 'agent', 'assistant'],
    },
    {
      id: 'mailings.send',
      label: { de: 'Angebote versenden', en: 'Send offers' },
      roles: ['owner', 'admin', 'agent'],
    },
  ],
  nav: [
    {
      path: '/angebotsversand',
      label: { de: 'Angebotsversand', en: 'Offer mailings' },
      icon: 'send',
      permission: 'mailings.read',
      order: 137,
    },
  ],
  server: () => import('./server/mailings.server.js').then((m) => m.mailingsServer),
});
