import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { networkMember } from '../schema.js';
import { networkAdminRoutes } from './network-admin.routes.js';
import { administeredNetworks } from './network-context.js';
import { networkInquiryRoutes } from './network-inquiry.routes.js';
import { networkOperatorRoutes } from './network-operator.routes.js';
import { officeNetworkRoutes } from './office-network.routes.js';

export const networksServer: ModuleServer = {
  routes: async (app, { platform }) => {
    // The router prefers the office's fixed paths (/membership, /pool) over the admins' `/:networkId`.
    await app.register(officeNetworkRoutes, { platform });
    await app.register(networkAdminRoutes, { platform });
  },
  operatorRoutes: networkOperatorRoutes,
  publicRoutes: networkInquiryRoutes,
  navFor: async (platform, auth) => {
    const [administered, membership] = await Promise.all([
      administeredNetworks(platform, auth.user.id),
      auth.tenantId
        ? platform.database.withTenant(auth.tenantId, (tx) =>
            tx.select({ networkId: networkMember.networkId }).from(networkMember),
          )
        : [],
    ]);
    return {
      add:
        administered.length > 0
          ? [
              {
                path: '/netzwerk',
                label: { de: 'Netzwerk-Verwaltung', en: 'Network administration' },
                icon: 'network',
                order: 980,
              },
            ]
          : [],
      // An office outside any network has no pool to open.
      hide: membership.length > 0 ? [] : ['/netzwerk-pool'],
    };
  },
};
