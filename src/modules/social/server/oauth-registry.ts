import type { Platform } from '../../../platform/kernel.js';
import type { SocialPlatform } from '../domain/platforms.js';
import { GraphClient } from '../providers/graph/graph-client.js';
import { LinkedInOAuth } from '../providers/oauth/linkedin-oauth.js';
import { MetaOAuth } from '../providers/oauth/meta-oauth.js';
import type { OAuthApp, OAuthProvider } from '../providers/oauth/oauth-provider.js';
import { TikTokOAuth } from '../providers/oauth/tiktok-oauth.js';

/** The platform app credentials for this instance; null where they are not configured. */
export function oauthApp(platform: Platform, name: SocialPlatform): OAuthApp | null {
  const env = platform.config.env;
  const pair =
    name === 'facebook' || name === 'instagram'
      ? [env.FACEBOOK_APP_ID, env.FACEBOOK_APP_SECRET]
      : name === 'linkedin'
        ? [env.LINKEDIN_CLIENT_ID, env.LINKEDIN_CLIENT_SECRET]
        : [env.TIKTOK_CLIENT_KEY, env.TIKTOK_CLIENT_SECRET];
  const [clientId, clientSecret] = pair;
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

export function oauthProvider(platform: Platform, name: SocialPlatform): OAuthProvider {
  const env = platform.config.env;
  if (name === 'facebook' || name === 'instagram')
    return new MetaOAuth(new GraphClient({ baseUrl: env.GRAPH_API_URL, version: env.GRAPH_API_VERSION }), {
      dialogUrl: env.FACEBOOK_OAUTH_URL,
      version: env.GRAPH_API_VERSION,
      platform: name,
    });
  if (name === 'linkedin')
    return new LinkedInOAuth({
      oauthUrl: env.LINKEDIN_OAUTH_URL,
      apiUrl: env.LINKEDIN_API_URL,
      version: env.LINKEDIN_API_VERSION,
    });
  return new TikTokOAuth({ authorizeUrl: env.TIKTOK_OAUTH_URL, apiUrl: env.TIKTOK_API_URL });
}

export const redirectUriFor = (platform: Platform, name: SocialPlatform) =>
  `${platform.publicUrl}/api/social-media/oauth/callback/${name}`;
