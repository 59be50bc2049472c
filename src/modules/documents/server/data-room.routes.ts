import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  createdShareSchema,
  createShareSchema,
  publicRoomSchema,
  shareAccessSchema,
  shareSchema,
} from '../data-room-contract.js';
import { DataRoomService, PublicDataRoom, visitorOf } from './data-room-service.js';

const tokenParams = z.object({ token: z.string().max(100) });
const grantQuery = z.object({ grant: z.string().max(200).optional() });

/** Data rooms: staff create and revoke links; buyers open them with the token alone. */
export const dataRoomRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const rooms = new DataRoomService(platform);
  const visitors = new PublicDataRoom(platform);

  app.post(
    '/shares',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Share documents in a data room; the link is in this answer only (and in the e-mail)',
        body: createShareSchema,
        response: { 201: createdShareSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const mayShareConfidential = platform.permissions.allows(ctx.auth.role, 'documents.confidential');
      const created = await rooms.create(ctx, request.body, mayShareConfidential);
      const [view] = await rooms.list(ctx, { shareId: created.shareId });
      if (!view) throw notFound('Freigabe');
      return reply.status(201).send({ ...view, url: created.url, delivery: created.delivery });
    },
  );

  app.get(
    '/shares',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Data-room links, newest first, with their access counts',
        querystring: z.object({ propertyId: z.string().uuid().optional() }),
        response: { 200: z.object({ items: z.array(shareSchema) }) },
      },
    },
    async (request) => ({
      items: await rooms.list(tenantContext(platform, request), { propertyId: request.query.propertyId }),
    }),
  );

  app.get(
    '/shares/:id/access',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Every use of a data-room link, refused ones included',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(shareAccessSchema) }) },
      },
    },
    async (request) => ({
      items: await rooms.accessLog(tenantContext(platform, request), request.params.id),
    }),
  );

  app.post(
    '/shares/:id/revoke',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Close a data room at once; its link then answers 410',
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await rooms.revoke(tenantContext(platform, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/public/data-room/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Open a data room (404 unknown, 410 expired or revoked, 401 password needed)',
        params: tokenParams,
        querystring: grantQuery,
        response: { 200: publicRoomSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return visitors.room(request.params.token, request.query.grant, visitorOf(request));
    },
  );

  app.post(
    '/public/data-room/:token/unlock',
    {
      // Few tries per minute: a password of six characters must not be guessable by brute force.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Exchange the data-room password for a grant valid one hour',
        params: tokenParams,
        body: z.object({ password: z.string().min(1).max(128) }),
        response: { 200: z.object({ grant: z.string() }) },
      },
    },
    async (request) => visitors.unlock(request.params.token, request.body.password, visitorOf(request)),
  );

  app.get(
    '/public/data-room/:token/files/:documentId',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Download a shared document, watermarked with the recipient when the link says so',
        params: tokenParams.extend({ documentId: z.string().uuid() }),
        querystring: grantQuery,
      },
    },
    async (request, reply) => {
      const file = await visitors.download(
        request.params.token,
        request.params.documentId,
        request.query.grant,
        visitorOf(request),
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-watermarked', String(file.watermarked))
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );
};
