import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { propertyMedia } from '../../crm/schema.js';

type RunAsTenant = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The file keys of a property's photos: the chosen ones in the chosen order, or the title photo
 * first and then the gallery order. Floor plans are not photos and are left out.
 */
export async function photoKeys(
  db: RunAsTenant,
  propertyId: string,
  opts: { mediaIds?: string[]; limit: number },
): Promise<string[]> {
  const rows = await db((tx) =>
    tx
      .select({ id: propertyMedia.id, key: propertyMedia.originalKey })
      .from(propertyMedia)
      .where(
        and(
          eq(propertyMedia.propertyId, propertyId),
          eq(propertyMedia.kind, 'photo'),
          opts.mediaIds ? inArray(propertyMedia.id, opts.mediaIds) : undefined,
        ),
      )
      .orderBy(desc(propertyMedia.isTitle), asc(propertyMedia.position)),
  );
  if (!opts.mediaIds) return rows.slice(0, opts.limit).map((r) => r.key);
  const byId = new Map(rows.map((r) => [r.id, r.key]));
  const missing = opts.mediaIds.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw badRequest('media_not_found', 'Mindestens ein gewähltes Foto gehört nicht zu diesem Objekt.', {
      missing,
    });
  return opts.mediaIds.map((id) => byId.get(id) as string);
}

export const readPhotos = (platform: Platform, keys: string[]) =>
  Promise.all(keys.map((key) => platform.files.read(key)));

/** The office's name, phone, e-mail and colour for graphics and reels. */
export async function officeBrand(platform: Platform, tenantId: string) {
  const settings = await platform.tenantSettings.get(tenantId);
  return {
    name: settings?.displayName ?? 'Ihr Maklerbüro',
    phone: settings?.contactPhone ?? null,
    email: settings?.contactEmail ?? null,
    brandColor: settings?.primaryColor ?? '#0f766e',
  };
}
