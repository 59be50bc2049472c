import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileNotFoundError } from '../../../platform/files/file-storage.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { mediaSchema } from '../contract.js';
import { propertyMedia } from '../schema.js';
import { IMAGE_TYPES, MediaService } from './media-service.js';

/** Photo and floor-plan upload as the raw request body (type sniffed from the bytes). */
export const mediaRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const media = new MediaService(platform);
  app.addContentTypeParser(
    [...IMAGE_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: platform.config.env.UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/properties/:propertyId/media',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary:
          'Upload a photo or floor plan (JPEG/PNG/WebP as the raw body); thumbnails and web sizes are generated',
        consumes: [...IMAGE_TYPES],
        params: z.object({ propertyId: z.string().uuid() }),
        querystring: z.object({
          kind: z.enum(['photo', 'floorplan']).default('photo'),
          alt: z.string().trim().max(300).default(''),
        }),
        response: { 201: mediaSchema },
      },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const created = await media.upload(tenantContext(platform, request), request.params.propertyId, body, {
        kind: request.query.kind,
        altText: request.query.alt,
      });
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/properties/:propertyId/media-order',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Reorder all media of a property',
        params: z.object({ propertyId: z.string().uuid() }),
        body: z.object({ ids: z.array(z.string().uuid()).max(200) }),
        response: { 200: z.object({ items: z.array(mediaSchema) }) },
      },
    },
    async (request) => ({
      items: await media.reorder(
        tenantContext(platform, request),
        request.params.propertyId,
        request.body.ids,
      ),
    }),
  );

  app.patch(
    '/media/:mediaId',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Alt text, title image or kind of one image',
        params: z.object({ mediaId: z.string().uuid() }),
        body: z
          .object({
            altText: z.string().trim().max(300).optional(),
            isTitle: z.literal(true).optional(),
            kind: z.enum(['photo', 'floorplan']).optional(),
          })
          .strict(),
        response: { 200: mediaSchema },
      },
    },
    async (request) => media.update(tenantContext(platform, request), request.params.mediaId, request.body),
  );

  app.delete(
    '/media/:mediaId',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Delete one image',
        params: z.object({ mediaId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await media.delete(tenantContext(platform, request), request.params.mediaId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/media/:mediaId/:variant',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Image file: thumb (480×360 WebP), web (≤1600 px WebP) or original',
        params: z.object({ mediaId: z.string().uuid(), variant: z.enum(['thumb', 'web', 'original']) }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.select().from(propertyMedia).where(eq(propertyMedia.id, request.params.mediaId)),
      );
      if (!row) throw notFound('Bild');
      const { key, contentType } = MediaService.variant(row, request.params.variant);
      try {
        const stream = await platform.files.stream(key);
        return reply.type(contentType).header('cache-control', 'private, max-age=86400').send(stream);
      } catch (error) {
        if (error instanceof FileNotFoundError) throw notFound('Bilddatei');
        throw error;
      }
    },
  );
};
