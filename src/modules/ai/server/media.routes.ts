import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { MediaService } from '../../crm/server/media-service.js';
import { budgetStateSchema, generationSchema, imageRequestSchema, videoRequestSchema } from '../contract.js';
import { aiGeneration } from '../schema.js';
import { perUserRateLimit } from './generate.routes.js';
import type { ImageService } from './image-service.js';
import type { VideoService } from './video-service.js';

const resultSchema = z.object({ generation: generationSchema, budgetWarnings: z.array(budgetStateSchema) });

/** Images (answered when they are ready) and videos (answered at once, rendered by a job). */
export const mediaRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  images: ImageService;
  videos: VideoService;
}> = async (app, { platform, images, videos }) => {
  const rateLimit = perUserRateLimit(platform);
  const media = new MediaService(platform);

  app.post(
    '/generate/image',
    {
      config: { access: { permission: 'ai.generate' }, rateLimit },
      schema: {
        tags: ['ai'],
        summary:
          'Social graphics from the listing photos (offline) or a free image from OpenAI or Stability AI',
        body: imageRequestSchema,
        response: { 201: resultSchema },
      },
    },
    async (request, reply) => {
      const result = await images.generate(tenantContext(platform, request), request.body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/generate/video',
    {
      config: { access: { permission: 'ai.generate' }, rateLimit },
      schema: {
        tags: ['ai'],
        summary: 'Start a property reel (rendered locally) or a RunwayML image-to-video clip as a job',
        body: videoRequestSchema,
        response: { 202: resultSchema },
      },
    },
    async (request, reply) => {
      const result = await videos.start(tenantContext(platform, request), request.body);
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/generations/:id/files/:index/to-property',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['ai'],
        summary: "Add a generated image to the property's photos",
        params: z.object({ id: z.string().uuid(), index: z.coerce.number().int().min(0).max(50) }),
        response: { 201: z.object({ mediaId: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .select({
            files: aiGeneration.outputFiles,
            propertyId: aiGeneration.propertyId,
            type: aiGeneration.type,
          })
          .from(aiGeneration)
          .where(eq(aiGeneration.id, request.params.id)),
      );
      const file = row?.files[request.params.index];
      if (!row || !file) throw notFound('Datei');
      // An invented image among the listing photos would misrepresent the property in every advert.
      if (row.type !== 'social_graphic')
        throw badRequest(
          'not_a_listing_graphic',
          'Nur Social-Grafiken aus den Objektfotos können zum Objekt hinzugefügt werden, keine KI-Bilder oder Videos.',
        );
      if (!row.propertyId) throw badRequest('no_property', 'Diese Erzeugung gehört zu keinem Objekt.');
      const added = await media.upload(ctx, row.propertyId, await platform.files.read(file.key), {
        kind: 'photo',
        altText: `KI-Studio: ${file.label}`,
      });
      return reply.status(201).send({ mediaId: added.id });
    },
  );
};
