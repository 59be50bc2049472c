import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { energyWarnings } from '../../crm/domain/energy-warnings.js';
import { property, propertyMedia } from '../../crm/schema.js';
import { composeFromProperty } from '../domain/compose-from-property.js';
import { SOCIAL_PLATFORMS } from '../domain/platforms.js';
import { PROPERTY_MEDIA_SOURCE } from './post-store.js';

/** Drafts per channel composed from a CRM listing. */
export const composeRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/compose/property/:propertyId',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary:
          'Drafts per channel from a property: facts, price, GEG energy data, UTM link, and its photos',
        params: z.object({ propertyId: z.string().uuid() }),
        response: {
          200: z.object({
            variants: z.array(
              z.object({
                platform: z.enum(SOCIAL_PLATFORMS),
                text: z.string(),
                link: z.string(),
                hashtags: z.array(z.string()),
              }),
            ),
            media: z.array(
              z.object({
                kind: z.literal('image'),
                source: z.literal(PROPERTY_MEDIA_SOURCE),
                id: z.string(),
                previewUrl: z.string(),
                altText: z.string(),
                width: z.number(),
                height: z.number(),
                sizeBytes: z.number(),
                isFloorplan: z.boolean(),
              }),
            ),
            warnings: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { row, media } = await ctx.db(async (tx) => {
        const [row] = await tx.select().from(property).where(eq(property.id, request.params.propertyId));
        if (!row) throw notFound('Objekt');
        const media = await tx
          .select()
          .from(propertyMedia)
          .where(eq(propertyMedia.propertyId, row.id))
          .orderBy(desc(propertyMedia.isTitle), propertyMedia.position);
        return { row, media };
      });
      const warnings: string[] = [];
      if (!['aktiv', 'reserviert'].includes(row.status))
        warnings.push(
          'Das Objekt ist nicht veröffentlicht: der Link zur Angebotsseite funktioniert erst, wenn es aktiv ist.',
        );
      if (/localhost|127\.0\.0\.1/.test(platform.publicUrl))
        warnings.push(
          `Die Plattformen holen Bilder über ${platform.publicUrl} – diese Adresse ist aus dem Internet nicht erreichbar. PUBLIC_URL setzen.`,
        );
      if (!media.some((m) => m.kind === 'photo'))
        warnings.push('Das Objekt hat keine Fotos; Instagram und TikTok brauchen Bilder oder Video.');
      warnings.push(...energyWarnings(row).map((w) => w.message));
      return {
        variants: composeFromProperty(row, platform.publicUrl),
        media: media.map((m) => ({
          kind: 'image' as const,
          source: PROPERTY_MEDIA_SOURCE,
          id: m.id,
          previewUrl: `/api/crm/media/${m.id}/web`,
          altText: m.altText || row.title,
          width: m.width,
          height: m.height,
          sizeBytes: m.sizeBytes,
          isFloorplan: m.kind === 'floorplan',
        })),
        warnings,
      };
    },
  );
};
