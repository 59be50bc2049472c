import { defineModule } from '../../platform/modules/module-manifest.js';

/**
 * The office's own invoices: commission invoices (Provisionsrechnungen) for sold and let
 * listings, as PDF with Factur-X inside and as XRechnung, numbered without gaps, cancelled by
 * credit note. The same engine writes the platform's subscription invoices (billing).
 */
export const invoicesModule = defineModule({
  id: 'invoices',
  title: { de: 'Rechnungen', en: 'Invoices' },
  description: {
    de: 'Provisionsrechnungen als PDF mit ZUGFeRD/Factur-X und XRechnung, fortlaufend nummeriert, mit Gutschrift storniert.',
    en: 'Commission invoices as PDF with ZUGFeRD/Factur-X and XRechnung, numbered without gaps, cancelled by credit note.',
  },
  dependsOn: ['admin', 'crm'],
  core: false,
  defaultEnabled: true,
  permissions: [
    {
      id: 'invoices.read',
      label: { de: 'Rechnungen ansehen', en: 'View invoices' },
      roles: ['owner', 'admin'],
    },
    {
      id: 'invoices.manage',
      label: { de: 'Rechnungen ausstellen und stornieren', en: 'Issue and cancel invoices' },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [
    {
      path: '/rechnungen',
      label: { de: 'Rechnungen', en: 'Invoices' },
      icon: 'file-text',
      permission: 'invoices.read',
      order: 930,
    },
  ],
  server: () => import('./server/invoices.server.js').then((m) => m.invoicesServer),
});
