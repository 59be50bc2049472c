import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SocialPlatform } from '../domain/platforms.js';
import { ProviderError } from '../providers/provider-error.js';
import type {
  AccountAccess,
  PublishRequest,
  PublishResult,
  SocialAdapter,
} from '../providers/social-adapter.js';
import { socialAccount, socialTarget } from '../schema.js';
import type { AccountMode, AdapterRegistry } from './adapters.js';
import { platformReadyBytes, publicMediaUrl } from './public-media.js';
import { targetCheckpoint } from './target-checkpoint.js';
import { accessFor, needsReconnect } from './token-refresh.js';

export const PUBLISH_TARGET_JOB = 'social.publish-target';
/** Longer than the slowest publish (Instagram video polling, TikTok upload) can take. */
const ORPHANED_AFTER_MS = 15 * 60_000;
/** Engines may start a job a little early; a channel due within this window counts as due. */
const DUE_SLACK_MS = 60_000;

/**
 * Recomputes a post's status from its targets: all out, some out, none out, or still going.
 * Channels finish in parallel transactions; without the row lock two of them can each count
 * the other as still sending and the later commit leaves the post "wird_gesendet" for good.
 * Under READ COMMITTED the statement after the lock sees every finish committed before it.
 */
export async function refreshPostStatus(tx: Tx, postId: string): Promise<void> {
  await tx.execute(sql`select id from social_post where id = ${postId} for update`);
  await tx.execute(sql`
    update social_post set updated_at = now(), status = case
      when s.open > 0 then case when s.done + s.failed > 0 then 'wird_gesendet' else 'geplant' end
      when s.failed = 0 then 'veroeffentlicht'
      when s.done = 0 then 'fehlgeschlagen'
      else 'teilweise' end
    from (
      select count(*) filter (where status = 'veroeffentlicht') as done,
             count(*) filter (where status in ('fehlgeschlagen', 'ungewiss')) as failed,
             count(*) filter (where status not in ('veroeffentlicht', 'fehlgeschlagen', 'ungewiss')) as open
      from social_post_target where post_id = ${postId}
    ) s
    where social_post.id = ${postId}`);
}

/**
 * The post is out whatever happens here: a failed first comment is recorded on the target
 * and shown, never retried by re-running the publish.
 */
async function postFirstComment(
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  adapter: SocialAdapter,
  access: AccountAccess,
  target: typeof socialTarget.$inferSelect,
  postId: string,
): Promise<void> {
  let values: Partial<typeof socialTarget.$inferInsert>;
  try {
    values = {
      firstCommentId: await adapter.comment(access, postId, target.firstComment ?? ''),
      firstCommentError: null,
    };
  } catch (error) {
    values = {
      firstCommentError:
        error instanceof ProviderError ? error.message : 'Interner Fehler beim Kommentieren.',
    };
  }
  await withTenant((tx) => tx.update(socialTarget).set(values).where(eq(socialTarget.id, target.id)));
}

/**
 * Publishes one channel of one post. The target is claimed (geplant → wird_gesendet) before
 * the platform is called, so a second run of the same job — a redelivery or a double click —
 * finds it claimed and never posts twice. Where the post may be online already (a claim left
 * by a crashed worker, a 5xx or no answer to a create call) the channel is read back first and
 * sent again only if nothing landed; what a publish did (uploads, containers) is checkpointed
 * so a retry does not do it twice.
 */
export const publishTargetJob = (platform: Platform, adapters: AdapterRegistry) =>
  defineJob({
    name: PUBLISH_TARGET_JOB,
    version: 1,
    payload: z.object({ targetId: z.string().uuid() }),
    attempts: 5,
    backoffSeconds: 30,
    concurrency: 8,
    // A give-up with the channel still claimed (its worker died on the last try) is not a failure
    // but an unknown: shown as "ungewiss" for a person to check.
    onGiveUp: async ({ payload, withTenant }) => {
      await withTenant(async (tx) => {
        const [row] = await tx
          .update(socialTarget)
          .set({
            status: 'ungewiss',
            errorCode: 'interrupted',
            errorMessage:
              'Der Versand wurde unterbrochen. Bitte auf der Plattform prüfen, ob der Beitrag erschienen ist.',
          })
          .where(and(eq(socialTarget.id, payload.targetId), eq(socialTarget.status, 'wird_gesendet')))
          .returning({ postId: socialTarget.postId });
        if (row) await refreshPostStatus(tx, row.postId);
      });
    },
    handler: async ({ runId, tenantId, payload, withTenant, attempt, maxAttempts }) => {
      if (!tenantId) return { skipped: 'no tenant' };
      const claimant = `${runId}:${attempt}`;
      const claimed = await withTenant(async (tx) => {
        const claim = {
          status: 'wird_gesendet',
          attempts: sql`${socialTarget.attempts} + 1`,
          sendingSince: new Date(),
          firstSentAt: sql`coalesce(${socialTarget.firstSentAt}, now())`,
          progress: sql`${socialTarget.progress} || ${JSON.stringify({ claimedBy: claimant })}::jsonb`,
        };
        const [row] = await tx
          .update(socialTarget)
          .set(claim)
          .where(
            and(
              eq(socialTarget.id, payload.targetId),
              inArray(socialTarget.status, ['geplant', 'wartet_limit']),
              // A channel moved to a later time is left to the job enqueued for that time.
              lte(socialTarget.scheduledAt, new Date(Date.now() + DUE_SLACK_MS)),
            ),
          )
          .returning();
        if (row) {
          const [account] = await tx.select().from(socialAccount).where(eq(socialAccount.id, row.accountId));
          return { row, account };
        }
        const [current] = await tx.select().from(socialTarget).where(eq(socialTarget.id, payload.targetId));
        // Another worker may be sending right now; only a claim older than any send can take is
        // orphaned — or one made by an earlier try of this very run, whose worker then died.
        const claimedBy = String(current?.progress.claimedBy ?? '');
        const orphaned =
          current?.status === 'wird_gesendet' &&
          ((claimedBy.startsWith(`${runId}:`) && claimedBy !== claimant) ||
            !current.sendingSince ||
            current.sendingSince.getTime() < Date.now() - ORPHANED_AFTER_MS);
        if (current?.status === 'wird_gesendet' && !orphaned) return { skipped: 'in_progress' };
        if (!orphaned || !current) return { skipped: current?.status ?? 'gone' };
        // A worker died between claim and answer: the post may be out. Taken over, and looked for first.
        const [taken] = await tx
          .update(socialTarget)
          .set({
            ...claim,
            progress: sql`${socialTarget.progress} || ${JSON.stringify({ claimedBy: claimant, maybeSent: true })}::jsonb`,
          })
          .where(and(eq(socialTarget.id, current.id), eq(socialTarget.status, 'wird_gesendet')))
          .returning();
        if (!taken) return { skipped: 'in_progress' };
        const [account] = await tx.select().from(socialAccount).where(eq(socialAccount.id, taken.accountId));
        return { row: taken, account };
      });
      if (!('row' in claimed) || !claimed.row) return { skipped: claimed.skipped };
      const { row: target, account } = claimed;
      const finish = (values: Partial<typeof socialTarget.$inferInsert>) =>
        withTenant(async (tx) => {
          await tx.update(socialTarget).set(values).where(eq(socialTarget.id, target.id));
          await refreshPostStatus(tx, target.postId);
        });
      if (account?.mode === 'offline') {
        await finish({
          status: 'manuell',
          errorCode: 'not_connected',
          errorMessage:
            'Nicht verbunden: Paket herunterladen, von Hand veröffentlichen und hier als veröffentlicht markieren.',
        });
        return { manual: target.id };
      }
      if (account?.status !== 'verbunden') {
        await finish({
          status: 'fehlgeschlagen',
          errorCode: 'account_unavailable',
          errorMessage: 'Das Konto ist nicht mehr verbunden. Bitte neu verbinden.',
        });
        return { failed: 'account_unavailable' };
      }

      const access = accessFor(platform, withTenant, account);
      const adapter = await adapters.get(target.platform as SocialPlatform, account.mode as AccountMode);
      const checkpoint = targetCheckpoint(withTenant, target.id, target.progress);
      const request: PublishRequest = {
        format: target.format as 'feed',
        text: target.text,
        link: target.link ?? undefined,
        media: target.media.map((m, i) => ({
          kind: m.kind,
          url: publicMediaUrl(platform, tenantId, target.id, i, m),
          altText: m.altText,
          read: m.fileKey ? () => platformReadyBytes(platform, m.kind, m.fileKey as string) : undefined,
        })),
        checkpoint,
        tiktok: target.options.tiktok
          ? {
              privacyLevel: target.options.tiktok.privacyLevel,
              disableComment: !target.options.tiktok.allowComment,
              disableDuet: !target.options.tiktok.allowDuet,
              disableStitch: !target.options.tiktok.allowStitch,
            }
          : undefined,
      };
      const published = async (result: PublishResult, via: 'published' | 'found') => {
        await finish({
          status: 'veroeffentlicht',
          externalId: result.externalId,
          externalUrl: result.url ?? null,
          publishedAt: new Date(),
          errorCode: null,
          errorMessage: null,
        });
        if (target.firstComment && via === 'published')
          await postFirstComment(withTenant, adapter, access, target, result.externalId);
        return via === 'published' ? { published: result.externalId } : { found: result.externalId };
      };
      try {
        // After an unknown outcome the post may be online already: look before sending again.
        if (checkpoint.get('maybeSent')) {
          const found = await adapter.findPublished(access, request, target.firstSentAt ?? new Date());
          if (found) return await published(found, 'found');
          await checkpoint.set('maybeSent', false);
        }
        return await published(await adapter.publish(access, request), 'published');
      } catch (error) {
        if (!(error instanceof ProviderError)) {
          // Our own failure before or after the call: we cannot tell whether it went out.
          await finish({
            status: 'ungewiss',
            errorCode: 'internal',
            errorMessage: 'Interner Fehler beim Senden; bitte auf der Plattform prüfen.',
          });
          throw error;
        }
        const base = { errorCode: error.code, errorMessage: error.message };
        if (error.kind === 'rate_limit') {
          // Delay, not fail: a new run is scheduled for when the platform lets us in again.
          await finish({ ...base, status: 'wartet_limit' });
          const runAt = new Date(Date.now() + (error.retryAfterSeconds ?? 300) * 1000);
          await platform.jobs.enqueue(
            PUBLISH_TARGET_JOB,
            { targetId: target.id },
            { tenantId, runAt, key: `${target.id}:${runAt.getTime()}` },
          );
          return { delayedUntil: runAt.toISOString() };
        }
        if (error.kind === 'unknown_outcome') {
          // Never a blind retry: the next attempt reads the channel back first (findPublished).
          await checkpoint.set('maybeSent', true);
          if (attempt < maxAttempts) {
            await finish({ ...base, status: 'geplant' });
            throw error;
          }
        }
        if (error.kind === 'retryable' && attempt < maxAttempts) {
          await finish({ ...base, status: 'geplant' });
          throw error;
        }
        // Marked for a new consent, and the person who connected it is told (as when a renewal fails).
        if (error.kind === 'auth') await needsReconnect(platform, withTenant, account, error.message);
        await finish({ ...base, status: error.kind === 'unknown_outcome' ? 'ungewiss' : 'fehlgeschlagen' });
        return { failed: error.code };
      }
    },
  });
