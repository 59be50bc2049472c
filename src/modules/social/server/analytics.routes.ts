import { and, eq, gte, lte } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { SOCIAL_PLATFORMS } from '../domain/platforms.js';
import { METRIC_NAMES, type PostMetrics } from '../providers/social-adapter.js';
import { socialAccount, socialPost, socialTarget } from '../schema.js';
import { COLLECT_METRICS_JOB } from './metrics-job.js';

/** Every metric, zero where no post reported it. */
const totalsSchema = z.record(z.enum(METRIC_NAMES), z.number());

function addUp(rows: (PostMetrics | null)[]): Record<(typeof METRIC_NAMES)[number], number> {
  const totals = Object.fromEntries(METRIC_NAMES.map((m) => [m, 0])) as Record<
    (typeof METRIC_NAMES)[number],
    number
  >;
  for (const row of rows) for (const m of METRIC_NAMES) totals[m] += row?.[m] ?? 0;
  return totals;
}

/** `/api/social-media/analytics`: numbers per post, per platform, per property, and a refresh. */
export const analyticsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/analytics/overview',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary: 'Totals per platform and per property for posts published in a date range (default 90 days)',
        querystring: z.object({
          from: z.string().datetime({ offset: true }).optional(),
          to: z.string().datetime({ offset: true }).optional(),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            totals: totalsSchema,
            publishedPosts: z.number(),
            lastFetchedAt: z.string().nullable(),
            byPlatform: z.array(
              z.object({ platform: z.enum(SOCIAL_PLATFORMS), posts: z.number(), totals: totalsSchema }),
            ),
            byProperty: z.array(
              z.object({
                propertyId: z.string(),
                title: z.string(),
                posts: z.number(),
                totals: totalsSchema,
              }),
            ),
            accounts: z.array(
              z.object({
                id: z.string(),
                platform: z.enum(SOCIAL_PLATFORMS),
                name: z.string(),
                mode: z.string(),
                followers: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from
        ? new Date(request.query.from)
        : new Date(to.getTime() - 90 * 86_400_000);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({
            platform: socialTarget.platform,
            metrics: socialTarget.metrics,
            fetchedAt: socialTarget.metricsFetchedAt,
            propertyId: socialPost.propertyId,
            propertyTitle: property.title,
          })
          .from(socialTarget)
          .innerJoin(socialPost, eq(socialPost.id, socialTarget.postId))
          .leftJoin(property, eq(property.id, socialPost.propertyId))
          .where(
            and(
              eq(socialTarget.status, 'veroeffentlicht'),
              gte(socialTarget.publishedAt, from),
              lte(socialTarget.publishedAt, to),
            ),
          );
        const accounts = await tx
          .select()
          .from(socialAccount)
          .orderBy(socialAccount.platform, socialAccount.name);
        const byProperty = new Map<string, { title: string; rows: typeof rows }>();
        for (const row of rows) {
          if (!row.propertyId) continue;
          const entry = byProperty.get(row.propertyId) ?? { title: row.propertyTitle ?? '', rows: [] };
          entry.rows.push(row);
          byProperty.set(row.propertyId, entry);
        }
        const lastFetched = rows.reduce<Date | null>(
          (latest, r) => (r.fetchedAt && (!latest || r.fetchedAt > latest) ? r.fetchedAt : latest),
          null,
        );
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          totals: addUp(rows.map((r) => r.metrics)),
          publishedPosts: rows.length,
          lastFetchedAt: lastFetched?.toISOString() ?? null,
          byPlatform: SOCIAL_PLATFORMS.map((p) => {
            const mine = rows.filter((r) => r.platform === p);
            return { platform: p, posts: mine.length, totals: addUp(mine.map((r) => r.metrics)) };
          }),
          byProperty: [...byProperty.entries()]
            .map(([propertyId, e]) => ({
              propertyId,
              title: e.title,
              posts: e.rows.length,
              totals: addUp(e.rows.map((r) => r.metrics)),
            }))
            .sort((a, b) => b.totals.impressions - a.totals.impressions)
            .slice(0, 20),
          accounts: accounts.map((a) => ({
            id: a.id,
            platform: a.platform as (typeof SOCIAL_PLATFORMS)[number],
            name: a.name,
            mode: a.mode,
            followers: a.followers,
          })),
        };
      });
    },
  );

  app.post(
    '/analytics/refresh',
    {
      config: { access: { permission: 'social.posts.publish' } },
      schema: {
        tags: ['social'],
        summary: 'Fetch the latest numbers from the platforms now (runs as a job)',
        response: { 202: z.object({ jobRunId: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      // One manual refresh per office per minute; the key folds double clicks into one run.
      const minute = Math.floor(Date.now() / 60_000);
      const run = await platform.jobs.enqueue(
        COLLECT_METRICS_JOB,
        { minAgeMinutes: 0 },
        { tenantId: ctx.tenantId, key: `manual:${ctx.tenantId}:${minute}`, createdBy: ctx.auth.user.id },
      );
      return reply.status(202).send({ jobRunId: run.id });
    },
  );

  app.get(
    '/analytics/refresh/:jobRunId',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary: 'Progress of a metrics refresh started by this office',
        params: z.object({ jobRunId: z.string().uuid() }),
        response: {
          200: z.object({
            status: z.string(),
            progress: z.number(),
            result: z.unknown().optional(),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const run = await platform.jobs.get(request.params.jobRunId);
      if (!run || run.tenantId !== ctx.tenantId || run.name !== COLLECT_METRICS_JOB) throw notFound('Abruf');
      return { status: run.status, progress: run.progress, result: run.result ?? undefined };
    },
  );

  app.get(
    '/analytics/:postId',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary: 'The numbers of one post, per channel and in total',
        params: z.object({ postId: z.string().uuid() }),
        response: {
          200: z.object({
            postId: z.string(),
            title: z.string(),
            totals: totalsSchema,
            channels: z.array(
              z.object({
                targetId: z.string(),
                platform: z.enum(SOCIAL_PLATFORMS),
                status: z.string(),
                externalUrl: z.string().nullable(),
                publishedAt: z.string().nullable(),
                metrics: z.record(z.string(), z.number()).nullable(),
                fetchedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const [post] = await tx.select().from(socialPost).where(eq(socialPost.id, request.params.postId));
        if (!post) throw notFound('Beitrag');
        const targets = await tx
          .select()
          .from(socialTarget)
          .where(eq(socialTarget.postId, post.id))
          .orderBy(socialTarget.platform);
        return {
          postId: post.id,
          title: post.title,
          totals: addUp(targets.map((t) => t.metrics)),
          channels: targets.map((t) => ({
            targetId: t.id,
            platform: t.platform as (typeof SOCIAL_PLATFORMS)[number],
            status: t.status,
            externalUrl: t.externalUrl,
            publishedAt: t.publishedAt?.toISOString() ?? null,
            metrics: (t.metrics as Record<string, number> | null) ?? null,
            fetchedAt: t.metricsFetchedAt?.toISOString() ?? null,
          })),
        };
      });
    },
  );
};
