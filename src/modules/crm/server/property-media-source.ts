import { asc, desc, eq } from 'drizzle-orm';
import type { MediaSource, SharedMedia } from '../../../platform/modules/shared-media.js';
import { property, propertyMedia } from '../schema.js';

const SOURCE = 'crm.property-media';
type Row = { media: typeof propertyMedia.$inferSelect; title: string };

/** Listing photos and floor plans at their web size (≤ 1600 px), the size posts use. */
const sharedOf = ({ media, title }: Row): SharedMedia => ({
  kind: 'image',
  fileKey: media.webKey,
  contentType: 'image/webp',
  width: media.width,
  height: media.height,
  sizeBytes: media.sizeBytes,
  altText: media.altText || title,
  previewUrl: `/api/crm/media/${media.id}/web`,
});

/** Listing photos and floor plans for other modules (social posts). */
export const propertyMediaSource: MediaSource = {
  permission: 'crm.properties.read',
  async resolve(_platform, ctx, id) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await ctx.db((tx) =>
      tx
        .select({ media: propertyMedia, title: property.title })
        .from(propertyMedia)
        .innerJoin(property, eq(property.id, propertyMedia.propertyId))
        .where(eq(propertyMedia.id, id)),
    );
    return row ? sharedOf(row) : null;
  },
  async list(_platform, ctx, { propertyId, limit }) {
    if (!propertyId) return [];
    const rows = await ctx.db((tx) =>
      tx
        .select({ media: propertyMedia, title: property.title })
        .from(propertyMedia)
        .innerJoin(property, eq(property.id, propertyMedia.propertyId))
        .where(eq(propertyMedia.propertyId, propertyId))
        .orderBy(desc(propertyMedia.isTitle), asc(propertyMedia.position))
        .limit(limit),
    );
    return rows.map((row) => {
      const { fileKey: _key, ...shared } = sharedOf(row);
      const isFloorplan = row.media.kind === 'floorplan';
      return {
        ...shared,
        source: SOURCE,
        id: row.media.id,
        label: isFloorplan ? 'Grundriss' : 'Foto',
        isFloorplan,
      };
    });
  },
};
