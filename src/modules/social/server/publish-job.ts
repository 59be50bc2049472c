import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database.js';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SocialPlatform } from '../domain/platforms.js';
import { ProviderError } from '../providers/provider-error.js';
import type { AccountAccess, SocialAdapter } from '../providers/social-adapter.js';
import { socialAccount, socialTarget } from '../schema.js';
import type { AccountMode, AdapterRegistry } from './adapters.js';
import { platformReadyBytes, publicMediaUrl } from './public-media.js';
import { renewToken } from './token-refresh.js';

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
 * the platform is called, so a second run of the same job — after a crash, a redelivery or a
 * double click — finds it claimed and never posts twice. A claim left behind by a crashed
 * worker becomes "ungewiss" for a person to check, because the post may already be online.
 */
export const publishTargetJob = (platform: Platform, adapters: AdapterRegistry) =>
  defineJob({
    name: PUBLISH_TARGET_JOB,
    version: 1,
    payload: z.object({ targetId: z.string().uuid() }),
    attempts: 5,
    backoffSeconds: 30,
    concurrency: 8,
    handler: async ({ tenantId, payload, withTenant, attempt, maxAttempts }) => {
      if (!tenantId) return { skipped: 'no tenant' };
      const claimed = await withTenant(async (tx) => {
        const [row] = await tx
          .update(socialTarget)
          .set({
            status: 'wird_gesendet',
            attempts: sql`${socialTarget.attempts} + 1`,
            sendingSince: new Date(),
          })
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
        // Another worker may be sending right now; only a claim older than any send can take is orphaned.
        const orphaned =
          current?.status === 'wird_gesendet' &&
          (!current.sendingSince || current.sendingSince.getTime() < Date.now() - ORPHANED_AFTER_MS);
        if (current?.status === 'wird_gesendet' && !orphaned) return { skipped: 'in_progress' };
        if (orphaned && current) {
          await tx
            .update(socialTarget)
            .set({
              status: 'ungewiss',
              errorCode: 'interrupted',
              errorMessage:
                'Der Versand wurde unterbrochen. Bitte auf der Plattform prüfen, ob der Beitrag erschienen ist.',
            })
            .where(eq(socialTarget.id, current.id));
          await refreshPostStatus(tx, current.postId);
        }
        return { skipped: current?.status ?? 'gone' };
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

      const access: AccountAccess = {
        externalId: account.externalId,
        accessToken: platform.secretBox.decrypt(account.accessTokenSealed),
        // A token that expired early is renewed once and the call repeated (withFreshToken).
        refresh: account.refreshTokenSealed
          ? async () => {
              const token = await renewToken(platform, withTenant, account);
              if (!token)
                throw new ProviderError('auth', 'reconnect', 'Das Konto muss neu verbunden werden.');
              return token;
            }
          : undefined,
      };
      const adapter = await adapters.get(target.platform as SocialPlatform, account.mode as AccountMode);
      try {
        const result = await adapter.publish(access, {
          format: target.format as 'feed',
          text: target.text,
          link: target.link ?? undefined,
          media: target.media.map((m, i) => ({
            kind: m.kind,
            url: publicMediaUrl(platform, tenantId, target.id, i, m),
            altText: m.altText,
            read: m.fileKey ? () => platformReadyBytes(platform, m.kind, m.fileKey as string) : undefined,
          })),
        });
        await finish({
          status: 'veroeffentlicht',
          externalId: result.externalId,
          externalUrl: result.url ?? null,
          publishedAt: new Date(),
          errorCode: null,
          errorMessage: null,
        });
        if (target.firstComment)
          await postFirstComment(withTenant, adapter, access, target, result.externalId);
        return { published: result.externalId };
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
        if (error.kind === 'retryable' && attempt < maxAttempts) {
          await finish({ ...base, status: 'geplant' });
          throw error;
        }
        if (error.kind === 'auth')
          await withTenant((tx) =>
            tx
              .update(socialAccount)
              .set({ status: 'neu_verbinden', statusMessage: error.message, updatedAt: new Date() })
              .where(eq(socialAccount.id, account.id)),
          );
        await finish({ ...base, status: error.kind === 'unknown_outcome' ? 'ungewiss' : 'fehlgeschlagen' });
        return { failed: error.code };
      }
    },
  });
