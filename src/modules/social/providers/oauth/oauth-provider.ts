import type { SocialPlatform } from '../../domain/platforms.js';

/** The platform app an office connects through (client id and secret from the configuration). */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

/** A page, profile, organisation or creator the signed-in person may post for. */
export interface GrantedAccount {
  platform: SocialPlatform;
  externalId: string;
  name: string;
  accessToken: string;
  refreshToken?: string;
  /** null: the token does not expire (Facebook page tokens from a long-lived user token). */
  expiresAt: Date | null;
}

export interface RefreshedToken {
  accessToken: string;
  /** Always stored when present: TikTok hands out a new refresh token with every refresh. */
  refreshToken?: string;
  expiresAt: Date | null;
}

/**
 * One per platform: the consent URL, the code exchange that yields the accounts, and the
 * refresh. Written against each platform's documented endpoints rather than a generic OAuth
 * client, because none of the three is plain RFC 6749 (Facebook exchanges by GET and swaps
 * for long-lived tokens, TikTok names its client `client_key`, LinkedIn lists organisations
 * through ACLs).
 */
export interface OAuthProvider {
  authorizeUrl(app: OAuthApp, redirectUri: string, state: string): string;
  connect(app: OAuthApp, redirectUri: string, code: string): Promise<GrantedAccount[]>;
  /** Absent where tokens cannot be refreshed; the account then needs a new consent when it expires. */
  refresh?(app: OAuthApp, refreshToken: string): Promise<RefreshedToken>;
}

export const expiresIn = (seconds: number | undefined): Date | null =>
  seconds ? new Date(Date.now() + seconds * 1000) : null;
