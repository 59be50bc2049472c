import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import { httpUrl } from '../../../platform/http/http-url.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SharedMedia } from '../../../platform/modules/shared-media.js';
import {
  type ACCOUNT_MODES,
  POST_FORMATS,
  type SocialPlatform,
  TIKTOK_PRIVACY_LEVELS,
} from '../domain/platforms.js';
import { checkVariant } from '../domain/post-rules.js';
import { socialAccount, socialPost, socialTarget } from '../schema.js';
import { mediaRefBody, mediaView, refKey, targetMediaOf } from './post-media.js';
import { PUBLISH_TARGET_JOB } from './publish-job.js';

/** What the social routes share: views of accounts and posts, and storing and queuing targets. */
export const PROPERTY_MEDIA_SOURCE = 'crm.property-media' as const;

export const SANDBOX_NAMES: Record<SocialPlatform, string> = {
  facebook: 'Sandbox – Facebook-Seite',
  instagram: 'Sandbox – Instagram-Profil',
  linkedin: 'Sandbox – LinkedIn-Unternehmensseite',
  tiktok: 'Sandbox – TikTok-Konto',
};
export const OFFLINE_NAMES: Record<SocialPlatform, string> = {
  facebook: 'Facebook – nicht verbunden (nur Planung)',
  instagram: 'Instagram – nicht verbunden (nur Planung)',
  linkedin: 'LinkedIn – nicht verbunden (nur Planung)',
  tiktok: 'TikTok – nicht verbunden (nur Planung)',
};
export const SANDBOX_IDS: Record<SocialPlatform, string> = {
  facebook: '104000000000001',
  instagram: '17841400000000001',
  linkedin: '104857',
  tiktok: 'sandbox-open-id',
};

export const accountView = (a: typeof socialAccount.$inferSelect) => ({
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

export const createPostBody = z
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

export const iso = (d: Date | null) => d?.toISOString() ?? null;
export const postView = (
  p: typeof socialPost.$inferSelect,
  targets: (typeof socialTarget.$inferSelect)[],
) => ({
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
export async function insertTargets(
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
export async function loadPost(tx: Tx, postId: string) {
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
export async function viewOfPost(tx: Tx, postId: string) {
  const { post, targets } = await loadPost(tx, postId);
  return postView(post, targets);
}

/** One job per channel at its time; the key makes a double submit enqueue once. */
export async function enqueuePublish(
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

export const cancelQuietly = (platform: Platform, runId: string | null) =>
  runId ? platform.jobs.cancel(runId).catch(() => undefined) : Promise.resolve(undefined);
