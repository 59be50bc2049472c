import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  createdSignatureSchema,
  createSignatureSchema,
  publicSigningSchema,
  signatureRequestSchema,
  signSchema,
} from '../signature-contract.js';
import { visitorOf } from './data-room-service.js';
import { PublicSigningService, SignatureService } from './signature-service.js';

const tokenParams = z.object({ token: z.string().max(100) });

/** E-signature: staff send PDFs for signature; signers open their personal link and sign. */
export const signatureRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const signatures = new SignatureService(platform);
  const signing = new PublicSigningService(platform);
  // The verify endpoint takes the PDF itself as the body.
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: platform.config.env.UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/signatures',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Send a PDF for simple electronic signatures; each signer gets a personal link by e-mail',
        body: createSignatureSchema,
        response: { 201: createdSignatureSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { requestId, links } = await signatures.create(
        ctx,
        request.body,
        platform.permissions.allows(ctx.auth.role, 'documents.confidential'),
      );
      const [view] = await signatures.list(ctx, { id: requestId });
      if (!view) throw notFound('Unterschriftsvorgang');
      return reply.status(201).send({ ...view, links });
    },
  );

  app.get(
    '/signatures',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'Signature requests, newest first (optionally of one document)',
        querystring: z.object({ documentId: z.string().uuid().optional() }),
        response: { 200: z.object({ items: z.array(signatureRequestSchema) }) },
      },
    },
    async (request) => ({
      items: await signatures.list(tenantContext(platform, request), {
        documentId: request.query.documentId,
      }),
    }),
  );

  app.get(
    '/signatures/:id',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'One signature request with its signers, times, IPs and hashes',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: signatureRequestSchema },
      },
    },
    async (request) => {
      const [view] = await signatures.list(tenantContext(platform, request), { id: request.params.id });
      if (!view) throw notFound('Unterschriftsvorgang');
      return view;
    },
  );

  app.post(
    '/signatures/:id/cancel',
    {
      config: { access: { permission: 'documents.share' } },
      schema: {
        tags: ['documents'],
        summary: 'Withdraw an open signature request; its links then answer 410',
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await signatures.cancel(tenantContext(platform, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/signatures/verify',
    {
      config: { access: { permission: 'documents.read' }, readOnly: true },
      schema: {
        tags: ['documents'],
        summary: 'Check a PDF (raw body) against the sealed documents: unchanged or not',
        response: {
          200: z.object({
            sha256: z.string(),
            unchanged: z.boolean(),
            request: signatureRequestSchema.nullable(),
          }),
        },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw badRequest('file_required', 'Bitte das PDF als Request-Body (application/pdf) senden.');
      const sha256 = createHash('sha256').update(request.body).digest('hex');
      const found = await signatures.verify(tenantContext(platform, request), sha256);
      return { sha256, unchanged: Boolean(found), request: found };
    },
  );

  app.get(
    '/public/sign/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'What a signer sees: the document, their fields and where the others stand',
        params: tokenParams,
        response: { 200: publicSigningSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return signing.view(request.params.token);
    },
  );

  for (const which of ['document', 'signed'] as const)
    app.get(
      `/public/sign/:token/${which}`,
      {
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['documents'],
          summary:
            which === 'document'
              ? 'The PDF to read before signing'
              : 'The sealed PDF with its audit page, once complete',
          params: tokenParams,
          querystring: z.object({ download: z.enum(['1']).optional() }),
        },
      },
      async (request, reply) => {
        const file = await signing.file(request.params.token, which);
        const disposition = request.query.download ? 'attachment' : 'inline';
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header('x-content-sha256', file.sha256)
          .header('cache-control', 'private, no-store')
          .send(file.data);
      },
    );

  app.post(
    '/public/sign/:token',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Sign: a drawn signature (PNG) or the typed name, with the consent to sign electronically',
        params: tokenParams,
        body: signSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await signing.sign(request.params.token, request.body, visitorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/public/sign/:token/decline',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: 'Decline to sign, with a reason for the broker',
        params: tokenParams,
        body: z.object({ reason: z.string().trim().min(3, 'Bitte kurz begründen.').max(1000) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await signing.decline(request.params.token, request.body.reason, visitorOf(request));
      return reply.status(204).send(null);
    },
  );
};
