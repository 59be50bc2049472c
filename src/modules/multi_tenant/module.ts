import { defineModule } from '../../platform/modules/module-manifest.js';

/**
 * Self-service offices: a broker signs up, confirms the address and gets an empty office with an
 * onboarding checklist. Off by default (`MODULE_MULTI_TENANT`): a self-hosted single office has
 * no public sign-up.
 */
export const multiTenantModule = defineModule({
  id: 'multi_tenant',
  apiPrefix: 'offices',
  title: { de: 'Mandanten', en: 'Multi-tenant' },
  description: {
    de: 'Selbstregistrierung neuer Maklerbüros mit E-Mail-Bestätigung und Einrichtungs-Checkliste.',
    en: 'Self-service sign-up of new broker offices with e-mail confirmation and an onboarding checklist.',
  },
  dependsOn: ['admin', 'crm', 'billing'],
  core: false,
  defaultEnabled: false,
  permissions: [
    {
      id: 'multi_tenant.onboarding',
      label: { de: 'Einrichtungs-Checkliste des Büros', en: "The office's onboarding checklist" },
      roles: ['owner', 'admin'],
    },
  ],
  nav: [],
  server: () => import('./server/multi-tenant.server.js').then((m) => m.multiTenantServer),
});
