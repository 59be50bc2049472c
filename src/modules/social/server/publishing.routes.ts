import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import { httpUrl } from '../../../platform/http/http-url.js';
import type { Platform } from '../../../platform/kernel.js';
import { postSchema } from '../contract.js';
import { socialAccount, socialPost, socialTarget } from '../schema.js';
import { cancelQuietly, enqueuePublish, loadPost, viewOfPost } from './post-store.js';
import { refreshPostStatus } from './publish-job.js';

/** Publishing: now or scheduled, submit for approval, unschedule, per-target changes and manual outcomes. */
export const publishingRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/publish',
    {
      config: { access: { permission: 'social.posts.publish' } },
      schema: {
        tags: ['social'],
        summary: 'Approve a post and publish it now or at a time; every channel becomes its own job',
        body: z
          .object({ postId: z.string().uuid(), at: z.string().datetime({ offset: true }).optional() })
          .strict(),
        response: { 202: postSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const at = request.body.at ? new Date(request.body.at) : new Date();
      if (at.getTime() < Date.now() - 60_000)
        throw badRequest('time_in_past', 'Der Zeitpunkt liegt in der Vergangenheit.');
      const { view, targets } = await ctx.db(async (tx) => {
        const [post] = await tx.select().from(socialPost).where(eq(socialPost.id, request.body.postId));
        if (!post) throw notFound('Beitrag');
        // TikTok wants the person to choose who sees the post each time; nothing is assumed.
        const unchosen = await tx
          .select({ id: socialTarget.id })
          .from(socialTarget)
          .innerJoin(socialAccount, eq(socialAccount.id, socialTarget.accountId))
          .where(
            and(
              eq(socialTarget.postId, post.id),
              eq(socialTarget.platform, 'tiktok'),
              ne(socialAccount.mode, 'offline'),
              sql`${socialTarget.options} -> 'tiktok' ->> 'privacyLevel' is null`,
            ),
          );
        if (unchosen.length > 0)
          throw badRequest(
            'tiktok_settings_required',
            'TikTok: Bitte vor dem Veröffentlichen wählen, wer den Beitrag sehen darf und was Zuschauer dürfen.',
          );
        const targets = await tx
          .update(socialTarget)
          .set({ status: 'geplant', scheduledAt: at })
          .where(
            and(
              eq(socialTarget.postId, post.id),
              inArray(socialTarget.status, ['entwurf', 'fehlgeschlagen']),
            ),
          )
          .returning();
        if (targets.length === 0)
          throw conflict(
            'nothing_to_publish',
            'Alle Kanäle dieses Beitrags sind bereits geplant oder veröffentlicht.',
          );
        await tx
          .update(socialPost)
          .set({ approvedBy: ctx.auth.user.id, approvedAt: new Date() })
          .where(eq(socialPost.id, post.id));
        await refreshPostStatus(tx, post.id);
        await recordAudit(tx, ctx.actor, {
          entity: 'social_post',
          entityId: post.id,
          action: 'scheduled',
          after: { at: at.toISOString(), channels: targets.length },
        });
        return { view: await viewOfPost(tx, post.id), targets };
      });
      const runs = await enqueuePublish(platform, ctx.tenantId, ctx.auth.user.id, targets);
      // One transaction records every channel's job, instead of one per channel.
      await ctx.db(async (tx) => {
        for (const [targetId, jobRunId] of runs)
          await tx.update(socialTarget).set({ jobRunId }).where(eq(socialTarget.id, targetId));
      });
      return reply.status(202).send(view);
    },
  );

  app.post(
    '/posts/:postId/submit',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary: 'Ask for approval: an assistant hands a finished draft to an agent or admin',
        params: z.object({ postId: z.string().uuid() }),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [post] = await tx
          .update(socialPost)
          .set({ status: 'zur_freigabe', updatedAt: new Date() })
          .where(and(eq(socialPost.id, request.params.postId), eq(socialPost.status, 'entwurf')))
          .returning();
        if (!post) {
          await loadPost(tx, request.params.postId);
          throw conflict('not_a_draft', 'Nur Entwürfe können zur Freigabe gegeben werden.');
        }
        await recordAudit(tx, ctx.actor, { entity: 'social_post', entityId: post.id, action: 'submitted' });
        return viewOfPost(tx, post.id);
      });
    },
  );

  app.post(
    '/posts/:postId/unschedule',
    {
      config: { access: { permission: 'social.posts.publish' } },
      schema: {
        tags: ['social'],
        summary: 'Take back every channel that has not gone out yet; the post becomes a draft again',
        params: z.object({ postId: z.string().uuid() }),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { view, released } = await ctx.db(async (tx) => {
        await loadPost(tx, request.params.postId);
        const released = await tx
          .update(socialTarget)
          .set({ status: 'entwurf', scheduledAt: null, jobRunId: null })
          .where(
            and(
              eq(socialTarget.postId, request.params.postId),
              inArray(socialTarget.status, ['geplant', 'wartet_limit']),
            ),
          )
          .returning({ jobRunId: socialTarget.jobRunId });
        if (released.length === 0)
          throw conflict('nothing_scheduled', 'Dieser Beitrag hat keine geplanten Kanäle mehr.');
        await refreshPostStatus(tx, request.params.postId);
        await recordAudit(tx, ctx.actor, {
          entity: 'social_post',
          entityId: request.params.postId,
          action: 'unscheduled',
        });
        return { view: await viewOfPost(tx, request.params.postId), released };
      });
      // The claim only takes 'geplant' targets, so a job that slips through finds nothing to send.
      for (const r of released) await cancelQuietly(platform, r.jobRunId);
      return view;
    },
  );

  app.patch(
    '/targets/:targetId',
    {
      config: { access: { permission: 'social.posts.publish' } },
      schema: {
        tags: ['social'],
        summary: 'Move one scheduled channel to another time (calendar drag and drop)',
        params: z.object({ targetId: z.string().uuid() }),
        body: z.object({ scheduledAt: z.string().datetime({ offset: true }) }).strict(),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const at = new Date(request.body.scheduledAt);
      if (at.getTime() < Date.now() - 60_000)
        throw badRequest('time_in_past', 'Der neue Zeitpunkt liegt in der Vergangenheit.');
      const { target, previousRun } = await ctx.db(async (tx) => {
        const [current] = await tx
          .select()
          .from(socialTarget)
          .where(eq(socialTarget.id, request.params.targetId));
        if (!current) throw notFound('Kanal');
        if (current.status !== 'geplant')
          throw conflict(
            'target_not_scheduled',
            'Nur geplante Kanäle lassen sich verschieben; dieser ist schon gesendet oder ein Entwurf.',
          );
        const [moved] = await tx
          .update(socialTarget)
          .set({ scheduledAt: at })
          .where(and(eq(socialTarget.id, current.id), eq(socialTarget.status, 'geplant')))
          .returning();
        if (!moved) throw conflict('target_not_scheduled', 'Der Kanal wird gerade gesendet.');
        await recordAudit(tx, ctx.actor, {
          entity: 'social_post',
          entityId: current.postId,
          action: 'rescheduled',
          before: { at: current.scheduledAt?.toISOString() },
          after: { at: at.toISOString(), platform: current.platform },
        });
        return { target: moved, previousRun: current.jobRunId };
      });
      await cancelQuietly(platform, previousRun);
      const [[, runId] = ['', '']] = await enqueuePublish(platform, ctx.tenantId, ctx.auth.user.id, [target]);
      return ctx.db(async (tx) => {
        await tx.update(socialTarget).set({ jobRunId: runId }).where(eq(socialTarget.id, target.id));
        return viewOfPost(tx, target.postId);
      });
    },
  );

  app.post(
    '/targets/:targetId/outcome',
    {
      config: { access: { permission: 'social.posts.publish' } },
      schema: {
        tags: ['social'],
        summary:
          'Record what a person found: a channel posted by hand (offline account) or an uncertain send checked on the platform',
        params: z.object({ targetId: z.string().uuid() }),
        body: z.object({ published: z.boolean(), url: httpUrl.optional() }).strict(),
        response: { 200: postSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { published, url } = request.body;
      return ctx.db(async (tx) => {
        const [current] = await tx
          .select()
          .from(socialTarget)
          .where(eq(socialTarget.id, request.params.targetId));
        if (!current) throw notFound('Kanal');
        if (current.status !== 'manuell' && current.status !== 'ungewiss')
          throw conflict(
            'outcome_not_open',
            'Nur Kanäle, die von Hand gepostet werden oder deren Versand ungewiss ist, brauchen eine Rückmeldung.',
          );
        await tx
          .update(socialTarget)
          .set(
            published
              ? {
                  status: 'veroeffentlicht',
                  publishedAt: new Date(),
                  externalUrl: url ?? null,
                  errorCode: null,
                  errorMessage: null,
                }
              : {
                  status: 'fehlgeschlagen',
                  errorCode: 'checked_not_published',
                  errorMessage: 'Geprüft: nicht erschienen. Kann erneut geplant werden.',
                },
          )
          .where(eq(socialTarget.id, current.id));
        await refreshPostStatus(tx, current.postId);
        await recordAudit(tx, ctx.actor, {
          entity: 'social_post',
          entityId: current.postId,
          action: published ? 'marked_published' : 'marked_not_published',
          after: { platform: current.platform, url },
        });
        return viewOfPost(tx, current.postId);
      });
    },
  );
};
