import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import { httpUrl } from '../../../platform/http/http-url.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SharedMedia } from '../../../platform/modules/shared-media.js';
import { energyWarnings } from '../../crm/domain/energy-warnings.js';
import { property, propertyMedia } from '../../crm/schema.js';
import { accountSchema, postSchema } from '../contract.js';
import { composeFromProperty } from '../domain/compose-from-property.js';
import {
  ACCOUNT_MODES,
  POST_FORMATS,
  SOCIAL_PLATFORMS,
  type SocialPlatform,
  TIKTOK_PRIVACY_LEVELS,
} from '../domain/platforms.js';
import { checkVariant } from '../domain/post-rules.js';
import { apiVersionWarnings } from '../providers/api-versions.js';
import { socialAccount, socialPost, socialTarget } from '../schema.js';
import { sandboxEnabled } from './adapters.js';
import { startLiveConnect } from './oauth.routes.js';
import { mediaRefBody, mediaView, refKey, resolvePostMedia, targetMediaOf } from './post-media.js';
import { platformReadyBytes } from './public-media.js';
import { PUBLISH_TARGET_JOB, refreshPostStatus } from './publish-job.js';

const PROPERTY_MEDIA_SOURCE = 'crm.property-media' as const;

const SANDBOX_NAMES: Record<SocialPlatform, string> = {
  facebook: 'Sandbox – Facebook-Seite',
  instagram: 'Sandbox – Instagram-Profil',
  linkedin: 'Sandbox – LinkedIn-Unternehmensseite',
  tiktok: 'Sandbox – TikTok-Konto',
};
const OFFLINE_NAMES: Record<SocialPlatform, string> = {
  facebook: 'Facebook – nicht verbunden (nur Planung)',
  instagram: 'Instagram – nicht verbunden (nur Planung)',
  linkedin: 'LinkedIn – nicht verbunden (nur Planung)',
  tiktok: 'TikTok – nicht verbunden (nur Planung)',
};
const SANDBOX_IDS: Record<SocialPlatform, string> = {
  facebook: '104000000000001',
  instagram: '17841400000000001',
  linkedin: '104857',
  tiktok: 'sandbox-open-id',
};

const accountView = (a: typeof socialAccount.$inferSelect) => ({
  id: a.id,
  platform: a.platform as SocialPlatform,
  mode: a.mode as (typeof ACCOUNT_MODES)[number],
  name: a.name,
  externalId: a.externalId,
  status: a.status,
  statusMessage: a.statusMessage,
  followers: a.followers,
  createdAt: a.createdAt.toISOString(),
});

const createPostBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    propertyId: z.string().uuid().nullable().optional(),
    targets: z
      .array(
        z.object({
          accountId: z.string().uuid(),
          format: z.enum(POST_FORMATS).default('feed'),
          text: z.string().max(70_000),
          link: httpUrl.optional(),
          media: z.array(mediaRefBody).max(35).default([]),
          firstComment: z.string().trim().max(2200).optional(),
          /** TikTok: chosen by the person each time, never defaulted (Content Sharing Guidelines). */
          tiktok: z
            .object({
              privacyLevel: z.enum(TIKTOK_PRIVACY_LEVELS),
              allowComment: z.boolean(),
              allowDuet: z.boolean(),
              allowStitch: z.boolean(),
            })
            .strict()
            .optional(),
        }),
      )
      .min(1)
      .max(20),
  })
  .strict();

const iso = (d: Date | null) => d?.toISOString() ?? null;
const postView = (p: typeof socialPost.$inferSelect, targets: (typeof socialTarget.$inferSelect)[]) => ({
  id: p.id,
  title: p.title,
  propertyId: p.propertyId,
  status: p.status,
  approvedBy: p.approvedBy,
  createdAt: p.createdAt.toISOString(),
  targets: targets.map((t) => ({
    id: t.id,
    accountId: t.accountId,
    platform: t.platform,
    format: t.format,
    text: t.text,
    link: t.link,
    status: t.status,
    scheduledAt: iso(t.scheduledAt),
    attempts: t.attempts,
    externalId: t.externalId,
    externalUrl: t.externalUrl,
    errorCode: t.errorCode,
    errorMessage: t.errorMessage,
    publishedAt: iso(t.publishedAt),
    firstComment: t.firstComment,
    firstCommentError: t.firstCommentError,
    tiktok: t.options.tiktok ?? null,
    media: t.media.map(mediaView),
    metrics: (t.metrics as Record<string, number> | null) ?? null,
    metricsFetchedAt: iso(t.metricsFetchedAt),
  })),
});

type PostBody = z.infer<typeof createPostBody>;

/** Checks every variant against its platform's rules, then stores it as a draft target. */
async function insertTargets(
  tx: Tx,
  tenantId: string,
  postId: string,
  variants: PostBody['targets'],
  media: Map<string, SharedMedia>,
) {
  const ids = [...new Set(variants.map((t) => t.accountId))];
  const accounts = await tx.select().from(socialAccount).where(inArray(socialAccount.id, ids));
  if (accounts.length !== ids.length)
    throw badRequest('unknown_account', 'Mindestens ein gewähltes Konto gibt es in diesem Büro nicht.');
  const mediaOf = (t: PostBody['targets'][number]) =>
    t.media.map((ref) => targetMediaOf(ref, media.get(refKey(ref)) as SharedMedia));
  const issues = variants.flatMap((t, i) => {
    const account = accounts.find((a) => a.id === t.accountId);
    return checkVariant({
      platform: account?.platform as SocialPlatform,
      format: t.format,
      text: t.text,
      firstComment: t.firstComment,
      media: mediaOf(t).map((m) => ({
        kind: m.kind,
        width: m.width ?? 1080,
        height: m.height ?? 1080,
        sizeBytes: m.sizeBytes ?? 0,
        durationSeconds: m.durationSeconds,
      })),
    }).map((issue) => ({ path: `targets.${i}`, ...issue }));
  });
  if (issues.length > 0) throw badRequest('post_rules', issues.map((i) => i.message).join(' '), { issues });
  return tx
    .insert(socialTarget)
    .values(
      variants.map((t) => ({
        tenantId,
        postId,
        accountId: t.accountId,
        platform: accounts.find((a) => a.id === t.accountId)?.platform ?? '',
        format: t.format,
        text: t.text,
        link: t.link ?? null,
        media: mediaOf(t),
        firstComment: t.firstComment || null,
        options: t.tiktok ? { tiktok: t.tiktok } : {},
      })),
    )
    .returning();
}

/** A post with all its channels, or a 404. */
async function loadPost(tx: Tx, postId: string) {
  const [post] = await tx.select().from(socialPost).where(eq(socialPost.id, postId));
  if (!post) throw notFound('Beitrag');
  const targets = await tx
    .select()
    .from(socialTarget)
    .where(eq(socialTarget.postId, post.id))
    .orderBy(socialTarget.platform);
  return { post, targets };
}

/** The post as the API shows it, read fresh after a change. */
async function viewOfPost(tx: Tx, postId: string) {
  const { post, targets } = await loadPost(tx, postId);
  return postView(post, targets);
}

/** One job per channel at its time; the key makes a double submit enqueue once. */
async function enqueuePublish(
  platform: Platform,
  tenantId: string,
  userId: string,
  targets: { id: string; scheduledAt: Date | null }[],
): Promise<[string, string][]> {
  const runs: [string, string][] = [];
  for (const target of targets) {
    const at = target.scheduledAt ?? new Date();
    const run = await platform.jobs.enqueue(
      PUBLISH_TARGET_JOB,
      { targetId: target.id },
      { tenantId, runAt: at, key: `${target.id}:${at.getTime()}`, createdBy: userId },
    );
    runs.push([target.id, run.id]);
  }
  return runs;
}

const cancelQuietly = (platform: Platform, runId: string | null) =>
  runId ? platform.jobs.cancel(runId).catch(() => undefined) : Promise.resolve(undefined);

/** `/api/social-media`: accounts, posts with one target per channel, publishing. */
export const socialRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/accounts',
    {
      config: { access: { permission: 'social.posts.read' } },
      schema: {
        tags: ['social'],
        summary:
          'Connected accounts; sandbox accounts are labelled as such. Those who manage accounts also see warnings about platform API versions that end soon',
        response: {
          200: z.object({
            items: z.array(accountSchema),
            sandboxAvailable: z.boolean(),
            versionWarnings: z.array(
              z.object({
                platform: z.string(),
                variable: z.string(),
                version: z.string(),
                sunset: z.string(),
                level: z.enum(['retired', 'soon']),
                message: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx.select().from(socialAccount).orderBy(socialAccount.platform, socialAccount.name),
      );
      const { env } = platform.config;
      const manages = platform.permissions.allows(ctx.auth.role, 'social.accounts.manage');
      return {
        items: rows.map(accountView),
        sandboxAvailable: sandboxEnabled(platform),
        versionWarnings: manages
          ? apiVersionWarnings({ graph: env.GRAPH_API_VERSION, linkedin: env.LINKEDIN_API_VERSION })
          : [],
      };
    },
  );

  app.post(
    '/accounts/connect',
    {
      config: { access: { permission: 'social.accounts.manage' } },
      schema: {
        tags: ['social'],
        summary:
          'Connect an account. Sandbox and offline (planning only) accounts are added at once; live ones need the platform app credentials',
        body: z.object({ platform: z.enum(SOCIAL_PLATFORMS), mode: z.enum(ACCOUNT_MODES) }).strict(),
        response: {
          201: accountSchema,
          200: z
            .object({ authorizeUrl: z.string().url() })
            .describe('Live: continue at the platform consent page'),
        },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { platform: name, mode } = request.body;
      if (mode === 'live') return reply.status(200).send(await startLiveConnect(platform, ctx, name));
      if (mode === 'sandbox' && !sandboxEnabled(platform))
        throw conflict(
          'sandbox_disabled',
          'Sandbox-Konten sind auf diesem Server abgeschaltet (im Produktionsbetrieb Standard; SOCIAL_SANDBOX=true schaltet sie ein).',
        );
      const [row] = await ctx.db(async (tx) => {
        const [existing] = await tx
          .select({ id: socialAccount.id })
          .from(socialAccount)
          .where(and(eq(socialAccount.platform, name), eq(socialAccount.mode, mode)));
        if (existing)
          throw conflict(
            'account_exists',
            mode === 'sandbox'
              ? 'Dieses Sandbox-Konto ist bereits verbunden.'
              : 'Ein Planungskonto für diese Plattform gibt es bereits.',
          );
        const created = await tx
          .insert(socialAccount)
          .values({
            tenantId: ctx.tenantId,
            platform: name,
            mode,
            externalId: mode === 'sandbox' ? SANDBOX_IDS[name] : `offline-${name}`,
            name: mode === 'sandbox' ? SANDBOX_NAMES[name] : OFFLINE_NAMES[name],
            // Offline accounts never call a platform; the column is required, so they get an unusable token.
            accessTokenSealed: platform.secretBox.encrypt(`${mode}-${randomBytes(16).toString('hex')}`),
            connectedBy: ctx.auth.user.id,
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'social_account',
          entityId: created[0]?.id ?? '',
          action: 'connected',
          after: { platform: name, mode },
        });
        return created;
      });
      if (!row) throw new Error('insert returned nothing');
      return reply.status(201).send(accountView(row));
    },
  );

  app.delete(
    '/accounts/:accountId',
    {
      config: { access: { permission: 'social.accounts.manage' } },
      schema: {
        tags: ['social'],
        summary: 'Disconnect an account and forget its tokens',
        params: z.object({ accountId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const deleted = await ctx.db(async (tx) => {
        const rows = await tx
          .delete(socialAccount)
          .where(eq(socialAccount.id, request.params.accountId))
          .returning({ id: socialAccount.id });
        if (rows[0])
          await recordAudit(tx, ctx.actor, {
            entity: 'social_account',
            entityId: rows[0].id,
            action: 'disconnected',
          });
        return rows;
      });
      if (deleted.length === 0) throw notFound('Konto');
      return reply.status(204).send(null);
    },
  );

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
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(postSchema) }) },
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
        const posts = await tx
          .select()
          .from(socialPost)
          .where(and(...postFilters))
          .orderBy(desc(socialPost.createdAt))
          .limit(q.limit);
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
        return {
          items: posts.map((p) =>
            postView(
              p,
              targets.filter((t) => t.postId === p.id),
            ),
          ),
        };
      });
    },
  );

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
