import type { ModulePages } from './module-pages.js';

/**
 * The client code of every module of this build, named here at the client's composition root
 * (imported only by main.tsx), so the shell knows no module.
 */
export const MODULE_PAGES: ModulePages = {
  signedIn: {
    admin: () => import('../modules/admin/web/routes.js'),
    crm: () => import('../modules/crm/web/routes.js'),
    social: () => import('../modules/social/web/routes.js'),
    ai: () => import('../modules/ai/web/routes.js'),
    finance: () => import('../modules/finance/web/routes.js'),
    documents: () => import('../modules/documents/web/routes.js'),
    models3d: () => import('../modules/models3d/web/routes.js'),
    projects: () => import('../modules/projects/web/routes.js'),
    viewings: () => import('../modules/viewings/web/routes.js'),
    portals: () => import('../modules/portals/web/routes.js'),
    inbox: () => import('../modules/inbox/web/routes.js'),
    mailings: () => import('../modules/mailings/web/routes.js'),
    leadscoring: () => import('../modules/leadscoring/web/routes.js'),
    market: () => import('../modules/market/web/routes.js'),
    billing: () => import('../modules/billing/web/routes.js'),
    invoices: () => import('../modules/invoices/web/routes.js'),
    networks: () => import('../modules/networks/web/routes.js'),
    superadmin: () => import('../modules/superadmin/web/routes.js'),
  },
  dashboardCards: [
    {
      module: 'multi_tenant',
      load: () => import('../modules/multi_tenant/web/onboarding-card.js'),
      replacesSetup: true,
    },
    { module: 'projects', load: () => import('../modules/projects/web/my-day-card.js') },
    { module: 'leadscoring', load: () => import('../modules/leadscoring/web/hot-leads-card.js') },
  ],
  signInLinks: [{ module: 'multi_tenant', load: () => import('../modules/multi_tenant/web/signup-link.js') }],
  dashboardTiles: [
    { module: 'crm', load: () => import('../modules/crm/web/new-inquiries-tile.js') },
    { module: 'social', load: () => import('../modules/social/web/planned-posts-tile.js') },
    { module: 'documents', load: () => import('../modules/documents/web/expiring-documents-tile.js') },
  ],
  publicPages: [
    { path: '/datenraum/:token', load: () => import('../modules/documents/web/public/data-room-page.js') },
    { path: '/signieren/:token', load: () => import('../modules/documents/web/public/signing-page.js') },
    { path: '/registrieren', load: () => import('../modules/multi_tenant/web/signup-page.js') },
    { path: '/registrieren/bestaetigen', load: () => import('../modules/multi_tenant/web/confirm-page.js') },
    { path: '/embed/3d/:modelId', load: () => import('../modules/models3d/web/public/embed-page.js') },
  ],
};
