import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import type { ListingEmbed } from '../../../platform/modules/module-manifest.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { property } from '../../crm/schema.js';
import { model3d } from '../schema.js';

/**
 * A model is public exactly while its listing is on the market, like the listing page itself.
 * Looked up without a tenant: the model's id is the key and the listing's status the gate.
 */
export async function findPublicModel(platform: Platform, id: string) {
  const [row] = await platform.database.db
    .select({ model: model3d })
    .from(model3d)
    .innerJoin(property, eq(property.id, model3d.propertyId))
    .where(and(eq(model3d.id, id), inArray(property.status, [...PUBLIC_STATUSES])));
  return row?.model ?? null;
}

export const embedUrl = (platform: Platform, modelId: string) => `${platform.publicUrl}/embed/3d/${modelId}`;

/** The newest model of a listing, as a 3D tour on its public page. */
export async function listingEmbeds(
  platform: Platform,
  tenantId: string,
  propertyId: string,
): Promise<ListingEmbed[]> {
  const [latest] = await platform.database.withTenant(tenantId, (tx) =>
    tx
      .select({ id: model3d.id })
      .from(model3d)
      .where(eq(model3d.propertyId, propertyId))
      .orderBy(desc(model3d.updatedAt))
      .limit(1),
  );
  return latest ? [{ title: '3D-Rundgang', url: embedUrl(platform, latest.id) }] : [];
}
