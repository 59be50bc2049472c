import { and, eq, gte, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { PostFormat, SocialPlatform } from '../domain/platforms.js';
import { ProviderError } from '../providers/provider-error.js';
import { socialAccount, socialTarget } from '../schema.js';
import type { AccountMode, AdapterRegistry } from './adapters.js';
import { accessFor, needsReconnect } from './token-refresh.js';

export const COLLECT_METRICS_JOB = 'social.collect-metrics';
/** Platforms keep post insights for about two years, but numbers settle within weeks. */
const TRACK_FOR_DAYS = 90;

/**
 * Fetches the latest numbers of every published post of one office (and each account's
 * followers). A post fetched within `minAgeMinutes` is skipped, so overlapping runs and a
 * manual refresh do not spend the platforms' rate limits twice. A rate limit ends the run
 * early: the rest waits for the next one, nothing fails.
 */
export const collectMetricsJob = (platform: Platform, adapters: AdapterRegistry) =>
  defineJob({
    name: COLLECT_METRICS_JOB,
    version: 1,
    payload: z.object({ minAgeMinutes: z.number().int().min(0).max(1440).default(30) }),
    attempts: 2,
    concurrency: 2,
    handler: async ({ tenantId, payload, withTenant, reportProgress }) => {
      if (!tenantId) return { skipped: 'no tenant' };
      const staleBefore = new Date(Date.now() - payload.minAgeMinutes * 60_000);
      const { accounts, targets } = await withTenant(async (tx) => ({
        accounts: await tx
          .select()
          .from(socialAccount)
          .where(and(eq(socialAccount.status, 'verbunden'), ne(socialAccount.mode, 'offline'))),
        targets: await tx
          .select({
            id: socialTarget.id,
            accountId: socialTarget.accountId,
            externalId: socialTarget.externalId,
            format: socialTarget.format,
            media: socialTarget.media,
          })
          .from(socialTarget)
          .where(
            and(
              eq(socialTarget.status, 'veroeffentlicht'),
              isNotNull(socialTarget.externalId),
              gte(socialTarget.publishedAt, new Date(Date.now() - TRACK_FOR_DAYS * 86_400_000)),
              or(isNull(socialTarget.metricsFetchedAt), lt(socialTarget.metricsFetchedAt, staleBefore)),
            ),
          ),
      }));
      let fetched = 0;
      let failed = 0;
      const blocked = new Set<string>();
      const total = accounts.length + targets.length;

      const attempt = async (accountId: string, call: () => Promise<void>) => {
        if (blocked.has(accountId)) return;
        try {
          await call();
          fetched++;
        } catch (error) {
          failed++;
          if (!(error instanceof ProviderError)) throw error;
          if (error.kind === 'rate_limit') blocked.add(accountId);
          if (error.kind === 'auth') {
            // The token was renewed once already (accessFor); only then does the account need a new consent.
            blocked.add(accountId);
            const account = accounts.find((a) => a.id === accountId);
            if (account) await needsReconnect(platform, withTenant, account, error.message);
          }
        }
      };

      for (const account of accounts) {
        const adapter = await adapters.get(account.platform as SocialPlatform, account.mode as AccountMode);
        const access = accessFor(platform, withTenant, account);
        await attempt(account.id, async () => {
          const { followers } = await adapter.fetchAccountMetrics(access);
          await withTenant((tx) =>
            tx
              .update(socialAccount)
              .set({ followers, metricsFetchedAt: new Date() })
              .where(eq(socialAccount.id, account.id)),
          );
        });
        for (const target of targets.filter((t) => t.accountId === account.id)) {
          await attempt(account.id, async () => {
            // TikTok answers a publish with a publish id; the post id (which metrics need) comes later.
            const postId = adapter.resolvePostId
              ? await adapter.resolvePostId(access, target.externalId ?? '')
              : target.externalId;
            if (!postId) return;
            if (postId !== target.externalId)
              await withTenant((tx) =>
                tx.update(socialTarget).set({ externalId: postId }).where(eq(socialTarget.id, target.id)),
              );
            const metrics = await adapter.fetchPostMetrics(access, postId, {
              format: target.format as PostFormat,
              video: target.media.some((m) => m.kind === 'video'),
            });
            await withTenant((tx) =>
              tx
                .update(socialTarget)
                .set({ metrics, metricsFetchedAt: sql`now()` })
                .where(eq(socialTarget.id, target.id)),
            );
          });
          await reportProgress(Math.round(((fetched + failed) / Math.max(total, 1)) * 100));
        }
      }
      return { fetched, failed, rateLimitedAccounts: blocked.size };
    },
  });
