import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { sendStoredFile } from '../../../platform/files/send-stored-file.js';
import { type TenantRequestContext, tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { prefixTsQuery } from '../../crm/server/property-queries.js';
import '../events.js';
import { documentPatchSchema, documentSchema, uploadQuerySchema, versionSchema } from '../contract.js';
import { DOCUMENT_CATEGORIES } from '../domain/categories.js';
import { document, documentVersion } from '../schema.js';
import { actorOf, DocumentService } from './document-service.js';
import { documentViews, EXPIRY_WARNING_DAYS, versionView } from './document-view.js';
import { sweepDocumentFiles } from './file-sweep.js';

const bodyOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

/** Document folders: upload as the raw body (type sniffed from the bytes), versions, filters, edits. */
export const documentsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const documents = new DocumentService(platform);
  // Any file type arrives as bytes; the service decides from the bytes whether it is allowed.
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: platform.config.env.UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );

  const seesConfidential = (ctx: TenantRequestContext) =>
    platform.permissions.allows(ctx.auth.role, 'documents.confidential');
  /** A confidential document is as good as absent for those who may not see it. */
  const visible = (ctx: TenantRequestContext) =>
    seesConfidential(ctx) ? undefined : eq(document.confidential, false);

  const readOne = async (ctx: TenantRequestContext, id: string) => {
    const views = await ctx.db(async (tx) => {
      const rows = await tx
        .select()
        .from(document)
        .where(and(eq(document.id, id), visible(ctx)));
      return documentViews(tx, rows);
    });
    const [view] = views;
    if (!view) throw notFound('Dokument');
    return view;
  };

  app.post(
    '/',
    {
      config: { access: { permission: 'documents.write' } },
      schema: {
        tags: ['documents'],
        summary: 'Upload a document (the file as the raw body) into a property or contact folder',
        querystring: uploadQuerySchema,
        response: { 201: documentSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const q = request.query;
      const id = await documents.create(actorOf(ctx), bodyOf(request.body), {
        ...q,
        confidential: q.confidential === 'true' && seesConfidential(ctx),
      });
      return reply.status(201).send(await readOne(ctx, id));
    },
  );

  app.post(
    '/:id/versions',
    {
      config: { access: { permission: 'documents.write' } },
      schema: {
        tags: ['documents'],
        summary: 'Upload a new version; earlier versions stay downloadable',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({ fileName: z.string().trim().min(1).max(255) }),
        response: { 201: documentSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await readOne(ctx, request.params.id);
      await documents.addVersion(
        actorOf(ctx),
        request.params.id,
        bodyOf(request.body),
        request.query.fileName,
      );
      return reply.status(201).send(await readOne(ctx, request.params.id));
    },
  );

  app.get(
    '/',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'Documents of a property or contact, filtered by category, expiry or full text (German)',
        querystring: z.object({
          propertyId: z.string().uuid().optional(),
          contactId: z.string().uuid().optional(),
          category: z.enum(DOCUMENT_CATEGORIES).optional(),
          expiring: z.enum(['true', 'false']).optional(),
          q: z.string().trim().max(200).optional(),
          ...pageQuery(50).shape,
        }),
        response: {
          200: pageOf(documentSchema).extend({
            /** Largest file the server takes, so the upload can refuse bigger ones up front. */
            uploadLimitBytes: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { propertyId, contactId, category, expiring, q } = request.query;
      const query = q ? prefixTsQuery(q) : null;
      const warnUntil = new Date(Date.now() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
      const where = and(
        visible(ctx),
        propertyId ? eq(document.propertyId, propertyId) : undefined,
        contactId ? eq(document.contactId, contactId) : undefined,
        category ? eq(document.category, category) : undefined,
        expiring === 'true' ? lte(document.validUntil, warnUntil) : undefined,
        query ? sql`${document.searchVector} @@ to_tsquery('german', ${query})` : undefined,
      );
      // A search lists the best matches first; otherwise the last changed.
      const sort: SortKey = query
        ? {
            key: sql`ts_rank(${document.searchVector}, to_tsquery('german', ${query}))`,
            id: document.id,
            direction: 'desc',
          }
        : { key: document.updatedAt, id: document.id, direction: 'desc' };
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          { totals: platform.listTotals, tenantId: ctx.tenantId, table: document, sort, where },
          request.query,
        );
        const items = await documentViews(tx, page.items);
        return {
          ...pageBody(items, page, total, request.query),
          uploadLimitBytes: platform.config.env.UPLOAD_LIMIT_BYTES,
        };
      });
    },
  );

  app.get(
    '/:id',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'One document with all its versions',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: documentSchema.extend({ versions: z.array(versionSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const view = await readOne(ctx, request.params.id);
      const versions = await ctx.db((tx) =>
        tx
          .select({ v: documentVersion, name: authUser.name })
          .from(documentVersion)
          .leftJoin(authUser, eq(authUser.id, documentVersion.uploadedBy))
          .where(eq(documentVersion.documentId, view.id))
          .orderBy(asc(documentVersion.version)),
      );
      return { ...view, versions: versions.map(({ v, name }) => versionView(v, name)) };
    },
  );

  app.get(
    '/:id/versions/:version/file',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'Download one version of a document',
        params: z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1) }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await readOne(ctx, request.params.id);
      const version = await documents.version(actorOf(ctx), request.params.id, request.params.version);
      if (!version) throw notFound('Version');
      return sendStoredFile(reply, platform, {
        key: version.fileKey,
        sizeBytes: version.sizeBytes,
        contentType: version.contentType,
        contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(version.fileName)}`,
        headers: { 'x-content-sha256': version.sha256, 'cache-control': 'private, no-store' },
      });
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: { permission: 'documents.write' } },
      schema: {
        tags: ['documents'],
        summary: 'Change title, category, tags, confidentiality or valid-until date',
        params: z.object({ id: z.string().uuid() }),
        body: documentPatchSchema,
        response: { 200: documentSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { confidential, ...rest } = request.body;
      // Only those who may see confidential documents may mark one so (or lift the mark).
      const allowed = seesConfidential(ctx) || confidential === undefined ? request.body : rest;
      // A category set by hand stays; the text extraction no longer overrides it.
      const changes = allowed.category ? { ...allowed, categorySource: 'manuell' } : allowed;
      const before = await readOne(ctx, request.params.id);
      await ctx.db((tx) =>
        tx
          .update(document)
          .set({ ...changes, updatedAt: new Date() })
          .where(eq(document.id, request.params.id)),
      );
      const after = await readOne(ctx, request.params.id);
      if (after.category !== before.category && after.category !== 'sonstiges')
        platform.events.emit(
          'document.filed',
          ctx.tenantId,
          {
            documentId: after.id,
            propertyId: after.propertyId,
            contactId: after.contactId,
            category: after.category,
            title: after.title,
          },
          ctx.auth.user.id,
        );
      return after;
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: { permission: 'documents.write' } },
      schema: {
        tags: ['documents'],
        summary: 'Delete a document with all its versions and files',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await readOne(ctx, request.params.id);
      // The versions' files are listed for removal by a database trigger; the sweep deletes them.
      await ctx.db((tx) => tx.delete(document).where(eq(document.id, request.params.id)));
      await sweepDocumentFiles(platform);
      return reply.status(204).send();
    },
  );
};
