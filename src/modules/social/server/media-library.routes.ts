import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { listSharedMedia } from '../../../platform/modules/shared-media.js';

export const mediaItemSchema = z.object({
  kind: z.enum(['image', 'video']),
  source: z.string(),
  id: z.string(),
  label: z.string(),
  previewUrl: z.string(),
  contentType: z.string(),
  altText: z.string(),
  width: z.number(),
  height: z.number(),
  sizeBytes: z.number(),
  durationSeconds: z.number().optional(),
  isFloorplan: z.boolean(),
});

/** The photos and videos a post may use: the listing's own and what the AI studio made. */
export const mediaLibraryRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/media-library',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary:
          'Media a post may use, by reference: listing photos (with propertyId) and generated graphics and reels',
        querystring: z.object({ propertyId: z.string().uuid().optional() }).strict(),
        response: { 200: z.object({ items: z.array(mediaItemSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return {
        items: await listSharedMedia(platform, ctx, { propertyId: request.query.propertyId, limit: 40 }),
      };
    },
  );
};
