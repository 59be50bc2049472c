import type { ComponentType, ReactElement } from 'react';

export interface ModuleRoute {
  path: string;
  element: ReactElement;
}

/** Client code of each module, loaded only when the server reports the module enabled. */
export const MODULE_PAGES: Record<string, () => Promise<{ routes: ModuleRoute[] }>> = {
  admin: () => import('../modules/admin/web/routes.js'),
  crm: () => import('../modules/crm/web/routes.js'),
  social: () => import('../modules/social/web/routes.js'),
  ai: () => import('../modules/ai/web/routes.js'),
  finance: () => import('../modules/finance/web/routes.js'),
  documents: () => import('../modules/documents/web/routes.js'),
  models3d: () => import('../modules/models3d/web/routes.js'),
};

/**
 * Pages a visitor opens from a link without signing in (data rooms, signing). The server
 * answers 404 for them when their module is switched off.
 */
export const PUBLIC_MODULE_PAGES: { path: string; load: () => Promise<{ default: ComponentType }> }[] = [
  { path: '/datenraum/:token', load: () => import('../modules/documents/web/public/data-room-page.js') },
  { path: '/signieren/:token', load: () => import('../modules/documents/web/public/signing-page.js') },
  { path: '/embed/3d/:modelId', load: () => import('../modules/models3d/web/public/embed-page.js') },
];
