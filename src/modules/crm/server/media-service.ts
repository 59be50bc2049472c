import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { sniffContentType } from '../../../platform/files/sniff-content-type.js';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { AppError, badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import type { MediaView } from '../contract.js';
import { property, propertyMedia } from '../schema.js';
import { InvalidImageError, imageVariants } from './image-variants.js';
import { mediaView } from './property-view.js';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MediaVariant = 'thumb' | 'web' | 'original';

export class MediaService {
  constructor(private readonly platform: Platform) {}

  async upload(
    ctx: TenantRequestContext,
    propertyId: string,
    data: Buffer,
    options: { kind: 'photo' | 'floorplan'; altText: string },
  ): Promise<MediaView> {
    const [exists] = await ctx.db((tx) =>
      tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId)),
    );
    if (!exists) throw notFound('Objekt');
    if (data.length === 0)
      throw badRequest('file_required', 'Bitte senden Sie die Bilddatei als Request-Body.');
    const type = await sniffContentType(data, IMAGE_TYPES);
    if (!type) throw new AppError(415, 'unsupported_file_type', 'Erlaubt sind JPEG-, PNG- und WebP-Bilder.');
    let variants: Awaited<ReturnType<typeof imageVariants>>;
    try {
      variants = await imageVariants(data);
    } catch (error) {
      if (error instanceof InvalidImageError)
        throw new AppError(415, 'invalid_image', 'Die Bilddatei ist beschädigt oder zu groß.');
      throw error;
    }
    const id = crypto.randomUUID();
    const prefix = `tenants/${ctx.tenantId}/properties/${propertyId}/media/${id}`;
    const keys = {
      originalKey: `${prefix}-original.${type.ext}`,
      webKey: `${prefix}-web.webp`,
      thumbKey: `${prefix}-thumb.webp`,
    };
    await Promise.all([
      this.platform.files.put(keys.originalKey, data),
      this.platform.files.put(keys.webKey, variants.web),
      this.platform.files.put(keys.thumbKey, variants.thumb),
    ]);
    try {
      const row = await ctx.db(async (tx) => {
        const [last] = await tx
          .select({ position: max(propertyMedia.position) })
          .from(propertyMedia)
          .where(eq(propertyMedia.propertyId, propertyId));
        const [titles] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(propertyMedia)
          .where(and(eq(propertyMedia.propertyId, propertyId), eq(propertyMedia.isTitle, true)));
        const [created] = await tx
          .insert(propertyMedia)
          .values({
            id,
            tenantId: ctx.tenantId,
            propertyId,
            kind: options.kind,
            position: (last?.position ?? -1) + 1,
            isTitle: options.kind === 'photo' && (titles?.n ?? 0) === 0,
            altText: options.altText,
            ...keys,
            contentType: type.mime,
            width: variants.width,
            height: variants.height,
            sizeBytes: data.length,
            sha256: createHash('sha256').update(data).digest('hex'),
          })
          .returning();
        if (!created) throw new Error('insert returned nothing');
        await recordAudit(tx, ctx.actor, {
          entity: 'property',
          entityId: propertyId,
          action: 'media.uploaded',
          after: { mediaId: id, kind: options.kind },
        });
        return created;
      });
      this.#changed(ctx, propertyId);
      return mediaView(row);
    } catch (error) {
      await Promise.all(Object.values(keys).map((key) => this.platform.files.delete(key)));
      throw error;
    }
  }

  /** Portals and feeds send pictures too: a change to them is a change to the listing. */
  #changed(ctx: TenantRequestContext, propertyId: string) {
    this.platform.events.emit(
      'property.updated',
      ctx.tenantId,
      { propertyId, fields: ['media'] },
      ctx.auth.user.id,
    );
  }

  async update(
    ctx: TenantRequestContext,
    mediaId: string,
    patch: { altText?: string; isTitle?: boolean; kind?: 'photo' | 'floorplan' },
  ): Promise<MediaView> {
    const view = await ctx.db(async (tx) => {
      const [row] = await tx.select().from(propertyMedia).where(eq(propertyMedia.id, mediaId));
      if (!row) throw notFound('Bild');
      if (patch.isTitle) {
        await tx
          .update(propertyMedia)
          .set({ isTitle: false })
          .where(and(eq(propertyMedia.propertyId, row.propertyId), ne(propertyMedia.id, mediaId)));
      }
      const [updated] = await tx
        .update(propertyMedia)
        .set(patch)
        .where(eq(propertyMedia.id, mediaId))
        .returning();
      return { view: mediaView(updated!), propertyId: row.propertyId };
    });
    this.#changed(ctx, view.propertyId);
    return view.view;
  }

  async reorder(ctx: TenantRequestContext, propertyId: string, orderedIds: string[]): Promise<MediaView[]> {
    const views = await ctx.db(async (tx) => {
      const rows = await tx.select().from(propertyMedia).where(eq(propertyMedia.propertyId, propertyId));
      if (rows.length === 0) throw notFound('Objekt');
      const known = new Set(rows.map((r) => r.id));
      if (
        orderedIds.length !== rows.length ||
        orderedIds.some((id) => !known.has(id)) ||
        new Set(orderedIds).size !== orderedIds.length
      ) {
        throw badRequest(
          'invalid_order',
          'Die Reihenfolge muss jedes Bild des Objekts genau einmal enthalten.',
        );
      }
      for (const [position, id] of orderedIds.entries()) {
        await tx.update(propertyMedia).set({ position }).where(eq(propertyMedia.id, id));
      }
      const updated = await tx
        .select()
        .from(propertyMedia)
        .where(inArray(propertyMedia.id, orderedIds))
        .orderBy(asc(propertyMedia.position));
      return updated.map(mediaView);
    });
    this.#changed(ctx, propertyId);
    return views;
  }

  async delete(ctx: TenantRequestContext, mediaId: string): Promise<void> {
    const row = await ctx.db(async (tx) => {
      const [row] = await tx.delete(propertyMedia).where(eq(propertyMedia.id, mediaId)).returning();
      if (!row) throw notFound('Bild');
      if (row.isTitle) {
        // The next photo becomes the title image, so a listing never loses its cover silently.
        const [next] = await tx
          .select()
          .from(propertyMedia)
          .where(and(eq(propertyMedia.propertyId, row.propertyId), eq(propertyMedia.kind, 'photo')))
          .orderBy(asc(propertyMedia.position))
          .limit(1);
        if (next) await tx.update(propertyMedia).set({ isTitle: true }).where(eq(propertyMedia.id, next.id));
      }
      await recordAudit(tx, ctx.actor, {
        entity: 'property',
        entityId: row.propertyId,
        action: 'media.deleted',
        before: { mediaId },
      });
      return row;
    });
    this.#changed(ctx, row.propertyId);
    await Promise.all(
      [row.originalKey, row.webKey, row.thumbKey].map((key) => this.platform.files.delete(key)),
    );
  }

  /** Where a variant lives; the caller has already scoped the lookup to a tenant or a public listing. */
  static variant(
    row: typeof propertyMedia.$inferSelect,
    variant: MediaVariant,
  ): { key: string; contentType: string } {
    if (variant === 'original') return { key: row.originalKey, contentType: row.contentType };
    return { key: variant === 'web' ? row.webKey : row.thumbKey, contentType: 'image/webp' };
  }
}
