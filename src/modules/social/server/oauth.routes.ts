import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { type TenantRequestContext, tenantContext } from '../../../platform/http/access-control.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { SOCIAL_PLATFORMS, type SocialPlatform } from '../domain/platforms.js';
import { ProviderError } from '../providers/provider-error.js';
import { socialAccount, socialOauthState } from '../schema.js';
import { oauthApp, oauthProvider, redirectUriFor } from './oauth-registry.js';

const STATE_TTL_MS = 10 * 60_000;
const hash = (state: string) => createHash('sha256').update(state).digest('hex');

/** Starts a live connect: a single-use state (only its hash is stored) and the consent URL. */
export async function startLiveConnect(
  platform: Platform,
  ctx: TenantRequestContext,
  name: SocialPlatform,
): Promise<{ authorizeUrl: string }> {
  const app = oauthApp(platform, name);
  if (!app)
    throw new AppError(
      409,
      'live_connect_not_configured',
      'Für echte Konten fehlen die App-Zugangsdaten der Plattform in der Konfiguration. Bis dahin: Beiträge planen und als Paket exportieren, oder ein Sandbox-Konto zum Testen verbinden.',
    );
  const state = randomBytes(24).toString('base64url');
  await ctx.db(async (tx) => {
    await tx.delete(socialOauthState).where(lt(socialOauthState.expiresAt, new Date()));
    await tx.insert(socialOauthState).values({
      tenantId: ctx.tenantId,
      userId: ctx.auth.user.id,
      platform: name,
      stateHash: hash(state),
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    });
  });
  return {
    authorizeUrl: oauthProvider(platform, name).authorizeUrl(app, redirectUriFor(platform, name), state),
  };
}

/** The platform sends the browser back here; the outcome goes to the accounts page as a query. */
export const oauthRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/oauth/callback/:platform',
    {
      config: { access: { permission: 'social.accounts.manage' } },
      schema: {
        tags: ['social'],
        summary: 'OAuth redirect target: checks the state, exchanges the code, stores the accounts',
        params: z.object({ platform: z.enum(SOCIAL_PLATFORMS) }),
        querystring: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(200).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const name = request.params.platform;
      const back = (params: Record<string, string>) =>
        reply.redirect(`/social/konten?${new URLSearchParams({ plattform: name, ...params })}`);
      const { code, state, error } = request.query;
      // The state is spent whatever happens next: a replayed callback finds nothing.
      const [spent] = state
        ? await ctx.db((tx) =>
            tx
              .delete(socialOauthState)
              .where(and(eq(socialOauthState.stateHash, hash(state)), eq(socialOauthState.platform, name)))
              .returning(),
          )
        : [];
      if (!spent || spent.userId !== ctx.auth.user.id) return back({ fehler: 'state_invalid' });
      if (spent.expiresAt.getTime() < Date.now()) return back({ fehler: 'state_expired' });
      if (error || !code) return back({ fehler: error ?? 'no_code' });
      const credentials = oauthApp(platform, name);
      if (!credentials) return back({ fehler: 'live_connect_not_configured' });
      let granted: Awaited<ReturnType<ReturnType<typeof oauthProvider>['connect']>>;
      try {
        granted = await oauthProvider(platform, name).connect(
          credentials,
          redirectUriFor(platform, name),
          code,
        );
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        request.log.warn({ platform: name, code: e.code }, 'oauth connect refused');
        return back({ fehler: e.code, meldung: e.message });
      }
      await ctx.db(async (tx) => {
        for (const account of granted) {
          const values = {
            name: account.name,
            accessTokenSealed: platform.secretBox.encrypt(account.accessToken),
            refreshTokenSealed: account.refreshToken
              ? platform.secretBox.encrypt(account.refreshToken)
              : null,
            tokenExpiresAt: account.expiresAt,
            status: 'verbunden',
            statusMessage: null,
            updatedAt: new Date(),
          };
          const [row] = await tx
            .insert(socialAccount)
            .values({
              tenantId: ctx.tenantId,
              platform: account.platform,
              mode: 'live',
              externalId: account.externalId,
              connectedBy: ctx.auth.user.id,
              ...values,
            })
            .onConflictDoUpdate({
              target: [
                socialAccount.tenantId,
                socialAccount.platform,
                socialAccount.mode,
                socialAccount.externalId,
              ],
              set: { ...values, connectedBy: sql`excluded.connected_by` },
            })
            .returning({ id: socialAccount.id });
          await recordAudit(tx, ctx.actor, {
            entity: 'social_account',
            entityId: row?.id ?? '',
            action: 'connected',
            after: { platform: account.platform, mode: 'live', name: account.name },
          });
        }
      });
      return back({ verbunden: String(granted.length) });
    },
  );
};
