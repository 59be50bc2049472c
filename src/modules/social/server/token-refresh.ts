import { and, eq, isNotNull, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { defineJob } from '../../../platform/jobs/job-definition.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SocialPlatform } from '../domain/platforms.js';
import { ProviderError } from '../providers/provider-error.js';
import type { AccountAccess } from '../providers/social-adapter.js';
import { socialAccount } from '../schema.js';
import { oauthApp, oauthProvider } from './oauth-registry.js';

export const REFRESH_TOKENS_JOB = 'social.refresh-tokens';
type Account = typeof socialAccount.$inferSelect;
type WithTenant = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** How early a token is renewed: TikTok's last a day, LinkedIn's and Meta's about 60 days. */
const RENEW_AHEAD_MS: Record<SocialPlatform, number> = {
  tiktok: 6 * 3_600_000,
  linkedin: 7 * 86_400_000,
  facebook: 7 * 86_400_000,
  instagram: 7 * 86_400_000,
};

/** Marks the account for a new consent and tells the person who connected it, once. */
export async function needsReconnect(
  platform: Platform,
  withTenant: WithTenant,
  account: Account,
  reason: string,
) {
  const user = await withTenant(async (tx) => {
    const [updated] = await tx
      .update(socialAccount)
      .set({ status: 'neu_verbinden', statusMessage: reason, updatedAt: new Date() })
      .where(and(eq(socialAccount.id, account.id), ne(socialAccount.status, 'neu_verbinden')))
      .returning({ id: socialAccount.id });
    return updated && account.connectedBy ? account.connectedBy : null;
  });
  if (!user) return;
  const [person] = await platform.database.db
    .select({ email: authUser.email, name: authUser.name })
    .from(authUser)
    .where(eq(authUser.id, user));
  if (!person) return;
  await platform.mail.send({
    audience: 'staff',
    tenantId: account.tenantId,
    to: person.email,
    subject: `Social Media: ${account.name} neu verbinden`,
    text: `Hallo ${person.name},\n\ndie Verbindung zu „${account.name}“ ist abgelaufen oder wurde widerrufen (${reason}).\nGeplante Beiträge an dieses Konto werden erst wieder gesendet, wenn Sie es unter ${platform.publicUrl}/social/konten neu verbinden.\n\nIhr ImmoXX`,
    purpose: 'social_reconnect',
  });
}

/**
 * Renews one account's token and stores the newest refresh token the platform returned
 * (TikTok rotates it; keeping the old one would lock the account out). Returns the new access
 * token, or null when the account now needs reconnecting.
 */
export async function renewToken(
  platform: Platform,
  withTenant: WithTenant,
  account: Account,
): Promise<string | null> {
  const name = account.platform as SocialPlatform;
  const app = oauthApp(platform, name);
  const provider = oauthProvider(platform, name);
  if (!app || !provider.refresh || !account.refreshTokenSealed) {
    if (account.tokenExpiresAt && account.tokenExpiresAt.getTime() < Date.now())
      await needsReconnect(platform, withTenant, account, 'Zugang abgelaufen');
    return null;
  }
  try {
    const fresh = await provider.refresh(app, platform.secretBox.decrypt(account.refreshTokenSealed));
    await withTenant((tx) =>
      tx
        .update(socialAccount)
        .set({
          accessTokenSealed: platform.secretBox.encrypt(fresh.accessToken),
          refreshTokenSealed: fresh.refreshToken
            ? platform.secretBox.encrypt(fresh.refreshToken)
            : account.refreshTokenSealed,
          tokenExpiresAt: fresh.expiresAt,
          status: 'verbunden',
          statusMessage: null,
          updatedAt: new Date(),
        })
        .where(eq(socialAccount.id, account.id)),
    );
    return fresh.accessToken;
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'auth') {
      await needsReconnect(platform, withTenant, account, error.message);
      return null;
    }
    throw error;
  }
}

/**
 * How publishing and the metrics job call a platform as this account: with the stored token,
 * renewed once (and the call repeated) when the platform says it expired.
 */
export function accessFor(platform: Platform, withTenant: WithTenant, account: Account): AccountAccess {
  return {
    externalId: account.externalId,
    accessToken: platform.secretBox.decrypt(account.accessTokenSealed),
    refresh: account.refreshTokenSealed
      ? async () => {
          const token = await renewToken(platform, withTenant, account);
          if (!token) throw new ProviderError('auth', 'reconnect', 'Das Konto muss neu verbunden werden.');
          return token;
        }
      : undefined,
  };
}

/** Renews every live token of one office that expires soon; runs on the metrics interval. */
export const refreshTokensJob = (platform: Platform) =>
  defineJob({
    name: REFRESH_TOKENS_JOB,
    version: 1,
    payload: z.object({}),
    attempts: 3,
    backoffSeconds: 60,
    handler: async ({ tenantId, withTenant }) => {
      if (!tenantId) return { skipped: 'no tenant' };
      const horizon = new Date(Date.now() + Math.max(...Object.values(RENEW_AHEAD_MS)));
      const due = await withTenant((tx) =>
        tx
          .select()
          .from(socialAccount)
          .where(
            and(
              eq(socialAccount.mode, 'live'),
              eq(socialAccount.status, 'verbunden'),
              isNotNull(socialAccount.tokenExpiresAt),
              lt(socialAccount.tokenExpiresAt, horizon),
            ),
          ),
      );
      let renewed = 0;
      let lost = 0;
      for (const account of due) {
        const ahead = RENEW_AHEAD_MS[account.platform as SocialPlatform];
        if ((account.tokenExpiresAt?.getTime() ?? 0) > Date.now() + ahead) continue;
        if (await renewToken(platform, withTenant, account)) renewed++;
        else lost++;
      }
      return { renewed, needsReconnect: lost };
    },
  });
