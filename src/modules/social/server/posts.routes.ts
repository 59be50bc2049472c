import { and, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { postSchema } from '../contract.js';
import { SOCIAL_PLATFORMS } from '../domain/platforms.js';
import { socialPost, socialTarget } from '../schema.js';
import { resolvePostMedia } from './post-media.js';
import { createPostBody, insertTargets, loadPost, postView } from './post-store.js';
import { platformReadyBytes } from './public-media.js';

const NEWEST_FIRST: SortKey = { key: socialPost.createdAt, id: socialPost.id, direction: 'desc' };

/** Posts with one target per channel: create, list, read, change, delete, and the ready-to-post package. */
export const postRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/posts',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary:
          'Create a draft post with one variant per channel; each variant is checked against its platform rules',
        body: createPostBody,
        response: { 201: postSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const body = request.body;
      const media = await resolvePostMedia(
        platform,
        ctx,
        body.targets.flatMap((t) => t.media),
      );
      const result = await ctx.db(async (tx) => {
        const [post] = await tx
          .insert(socialPost)
          .values({
            tenantId: ctx.tenantId,
            title: body.title,
            propertyId: body.propertyId ?? null,
            createdBy: ctx.auth.user.id,
          })
          .returning();
        if (!post) throw new Error('insert returned nothing');
        const targets = await insertTargets(tx, ctx.tenantId, post.id, body.targets, media);
        await recordAudit(tx, ctx.actor, { entity: 'social_post', entityId: post.id, action: 'created' });
        return postView(post, targets);
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/posts',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary: 'Posts, newest first; filter by status, platform and scheduled date range',
        querystring: z.object({
          status: z.string().max(40).optional(),
          platform: z.enum(SOCIAL_PLATFORMS).optional(),
          from: z.string().datetime({ offset: true }).optional(),
          to: z.string().datetime({ offset: true }).optional(),
          ...pageQuery(50).shape,
        }),
        response: { 200: pageOf(postSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const q = request.query;
      return ctx.db(async (tx) => {
        const targetFilters: SQL[] = [];
        if (q.platform) targetFilters.push(eq(socialTarget.platform, q.platform));
        if (q.from) targetFilters.push(gte(socialTarget.scheduledAt, new Date(q.from)));
        if (q.to) targetFilters.push(lte(socialTarget.scheduledAt, new Date(q.to)));
        const postFilters: SQL[] = [];
        if (q.status) postFilters.push(eq(socialPost.status, q.status));
        if (targetFilters.length > 0) {
          const matching = tx
            .select({ id: socialTarget.postId })
            .from(socialTarget)
            .where(and(...targetFilters));
          postFilters.push(inArray(socialPost.id, matching));
        }
        const where = and(...postFilters);
        const { page, total } = await tablePage(
          tx,
          {
            totals: platform.listTotals,
            tenantId: ctx.tenantId,
            table: socialPost,
            sort: NEWEST_FIRST,
            where,
          },
          q,
        );
        const posts = page.items;
        const targets = posts.length
          ? await tx
              .select()
              .from(socialTarget)
              .where(
                inArray(
                  socialTarget.postId,
                  posts.map((p) => p.id),
                ),
              )
              .orderBy(socialTarget.platform)
          : [];
        const items = posts.map((p) =>
          postView(
            p,
            targets.filter((t) => t.postId === p.id),
          ),
        );
        return pageBody(items, page, total, q);
      });
    },
  );

  app.get(
    '/posts/:postId',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary: 'One post with the state of every channel',
        params: z.object({ postId: z.string().uuid() }),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { post, targets } = await ctx.db((tx) => loadPost(tx, request.params.postId));
      return postView(post, targets);
    },
  );

  app.put(
    '/posts/:postId',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary: 'Replace a draft post (title and channel variants) before it is scheduled',
        params: z.object({ postId: z.string().uuid() }),
        body: createPostBody,
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const body = request.body;
      const media = await resolvePostMedia(
        platform,
        ctx,
        body.targets.flatMap((t) => t.media),
      );
      return ctx.db(async (tx) => {
        const [post] = await tx.select().from(socialPost).where(eq(socialPost.id, request.params.postId));
        if (!post) throw notFound('Beitrag');
        const current = await tx
          .select({ status: socialTarget.status })
          .from(socialTarget)
          .where(eq(socialTarget.postId, post.id));
        if (current.some((t) => t.status !== 'entwurf' && t.status !== 'fehlgeschlagen'))
          throw conflict(
            'post_not_editable',
            'Geplante oder veröffentlichte Beiträge können nicht mehr geändert werden.',
          );
        await tx.delete(socialTarget).where(eq(socialTarget.postId, post.id));
        const targets = await insertTargets(tx, ctx.tenantId, post.id, body.targets, media);
        const [updated] = await tx
          .update(socialPost)
          .set({
            title: body.title,
            propertyId: body.propertyId ?? null,
            status: 'entwurf',
            approvedBy: null,
            approvedAt: null,
            updatedAt: new Date(),
          })
          .where(eq(socialPost.id, post.id))
          .returning();
        await recordAudit(tx, ctx.actor, { entity: 'social_post', entityId: post.id, action: 'updated' });
        return postView(updated ?? post, targets);
      });
    },
  );

  app.delete(
    '/posts/:postId',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary: 'Delete a post that has not gone out anywhere',
        params: z.object({ postId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const targets = await tx
          .select({ status: socialTarget.status })
          .from(socialTarget)
          .where(eq(socialTarget.postId, request.params.postId));
        // Say what is true of the channels: out, going out right now, or not known yet.
        if (targets.some((t) => t.status === 'veroeffentlicht'))
          throw conflict(
            'post_published',
            'Der Beitrag ist bereits (teilweise) veröffentlicht und kann nicht gelöscht werden.',
          );
        if (targets.some((t) => t.status === 'wird_gesendet'))
          throw conflict(
            'post_sending',
            'Der Beitrag wird gerade gesendet. Bitte warten, bis das Ergebnis feststeht.',
          );
        if (targets.some((t) => t.status === 'ungewiss'))
          throw conflict(
            'post_outcome_unknown',
            'Ob der Beitrag erschienen ist, ist noch offen. Bitte auf der Plattform prüfen und das Ergebnis eintragen, dann löschen.',
          );
        const deleted = await tx
          .delete(socialPost)
          .where(eq(socialPost.id, request.params.postId))
          .returning({ id: socialPost.id });
        if (deleted.length === 0) throw notFound('Beitrag');
        await recordAudit(tx, ctx.actor, {
          entity: 'social_post',
          entityId: request.params.postId,
          action: 'deleted',
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/posts/:postId/package',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary:
          'Ready-to-post package (ZIP): per channel the text and the media files, for posting by hand without a connection',
        params: z.object({ postId: z.string().uuid() }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { post, targets } = await ctx.db((tx) => loadPost(tx, request.params.postId));
      const files: Record<string, Uint8Array> = {};
      const readme: string[] = [
        `Beitrag: ${post.title}`,
        'Nicht verbunden – zum manuellen Veröffentlichen vorbereitet.',
        '',
      ];
      for (const [i, target] of targets.entries()) {
        const folder = `${String(i + 1).padStart(2, '0')}-${target.platform}-${target.format}`;
        const text =
          target.link && !target.text.includes(target.link)
            ? `${target.text}\n\n${target.link}`
            : target.text;
        files[`${folder}/text.txt`] = new TextEncoder().encode(`${text}\n`);
        readme.push(`${folder}: ${target.media.length} Medien, ${[...text].length} Zeichen`);
        for (const [n, media] of target.media.entries()) {
          if (!media.fileKey) {
            readme.push(`  Medium ${n + 1}: ${media.url}`);
            continue;
          }
          // The same bytes the platforms get: JPEG for photos, videos as stored.
          const data = await platformReadyBytes(platform, media.kind, media.fileKey).catch(() => null);
          if (!data) {
            readme.push(`  Medium ${n + 1}: Datei fehlt (${media.altText ?? media.sourceId ?? ''})`);
            continue;
          }
          files[`${folder}/${String(n + 1).padStart(2, '0')}.${media.kind === 'image' ? 'jpg' : 'mp4'}`] =
            data;
        }
      }
      files['LIESMICH.txt'] = new TextEncoder().encode(`${readme.join('\n')}\n`);
      const zip = zipSync(
        Object.fromEntries(
          Object.entries(files).map(([k, v]) => [k, [v, { level: k.endsWith('.txt') ? 6 : 0 }]]),
        ),
      );
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="beitrag-${post.id.slice(0, 8)}.zip"`)
        .send(Buffer.from(zip));
    },
  );
};
