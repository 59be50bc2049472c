import type { Platform } from '../../../platform/kernel.js';
import '../../crm/events.js';
import { syncOwnListing } from './own-listings.js';

const MODULE = 'market';

/** The office's own listings follow the CRM into the market store. */
export function subscribeMarket(platform: Platform): void {
  const sync = (tenantId: string, propertyId: string) =>
    platform.database.withTenant(tenantId, (tx) => syncOwnListing(tx, tenantId, propertyId));
  platform.events.on('property.created', MODULE, (e) => sync(e.tenantId, e.payload.propertyId));
  platform.events.on('property.updated', MODULE, (e) => sync(e.tenantId, e.payload.propertyId));
  platform.events.on('property.status_changed', MODULE, (e) => sync(e.tenantId, e.payload.propertyId));
}
