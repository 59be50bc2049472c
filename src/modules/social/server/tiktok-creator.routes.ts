import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { ProviderError } from '../providers/provider-error.js';
import { TikTokAdapter } from '../providers/tiktok/tiktok-adapter.js';
import { socialAccount } from '../schema.js';
import type { AccountMode, AdapterRegistry } from './adapters.js';
import { accessFor } from './token-refresh.js';

/**
 * What the composer must show before a TikTok post (Content Sharing Guidelines): whose account
 * it goes to, and the privacy levels and interactions this creator allows — fresh each time.
 */
export const tiktokCreatorRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  adapters: AdapterRegistry;
}> = async (app, { platform, adapters }) => {
  app.get(
    '/accounts/:accountId/tiktok-creator',
    {
      config: { access: { permission: 'social.posts.write' } },
      schema: {
        tags: ['social'],
        summary: "A TikTok account's creator info: nickname, allowed privacy levels and interactions",
        params: z.object({ accountId: z.string().uuid() }),
        response: {
          200: z.object({
            nickname: z.string(),
            username: z.string(),
            privacyLevelOptions: z.array(z.string()),
            commentDisabled: z.boolean(),
            duetDisabled: z.boolean(),
            stitchDisabled: z.boolean(),
            maxVideoPostDurationSec: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [account] = await ctx.db((tx) =>
        tx.select().from(socialAccount).where(eq(socialAccount.id, request.params.accountId)),
      );
      if (account?.platform !== 'tiktok') throw notFound('TikTok-Konto');
      if (account.mode === 'offline')
        throw conflict('not_connected', 'Das Planungskonto ist nicht mit TikTok verbunden.');
      const adapter = await adapters.get('tiktok', account.mode as AccountMode);
      if (!(adapter instanceof TikTokAdapter)) throw new Error('TikTok adapter expected');
      try {
        const info = await adapter.creatorInfo(accessFor(platform, ctx.db, account));
        return {
          nickname: info.creator_nickname ?? info.creator_username,
          username: info.creator_username,
          privacyLevelOptions: info.privacy_level_options,
          commentDisabled: info.comment_disabled,
          duetDisabled: info.duet_disabled,
          stitchDisabled: info.stitch_disabled,
          maxVideoPostDurationSec: info.max_video_post_duration_sec,
        };
      } catch (error) {
        if (error instanceof ProviderError)
          throw conflict(`tiktok_${error.code}`, error.message, { kind: error.kind });
        throw error;
      }
    },
  );
};
