import { ProviderError } from '../provider-error.js';
import { formTokenRequest } from './form-token-request.js';
import {
  expiresIn,
  type GrantedAccount,
  type OAuthApp,
  type OAuthProvider,
  type RefreshedToken,
} from './oauth-provider.js';

interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  open_id: string;
}

/**
 * TikTok Login Kit v2: consent at `/v2/auth/authorize/` (the app is `client_key`), tokens from
 * `/v2/oauth/token/`. Access tokens live 24 hours; every refresh returns a new refresh token
 * that replaces the old one, so the newest must always be saved.
 */
export class TikTokOAuth implements OAuthProvider {
  readonly #fetch: typeof fetch;
  constructor(private readonly options: { authorizeUrl: string; apiUrl: string; fetchImpl?: typeof fetch }) {
    this.#fetch = options.fetchImpl ?? fetch;
  }

  authorizeUrl(app: OAuthApp, redirectUri: string, state: string): string {
    const url = new URL(`${this.options.authorizeUrl.replace(/\/$/, '')}/v2/auth/authorize/`);
    url.search = new URLSearchParams({
      client_key: app.clientId,
      scope: 'user.info.basic,user.info.stats,video.publish,video.list',
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
    }).toString();
    return url.toString();
  }

  async connect(app: OAuthApp, redirectUri: string, code: string): Promise<GrantedAccount[]> {
    const token = await this.#token(app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    const response = await this.#fetch(
      `${this.options.apiUrl.replace(/\/$/, '')}/v2/user/info/?fields=open_id,display_name`,
      { headers: { authorization: `Bearer ${token.access_token}` }, signal: AbortSignal.timeout(30_000) },
    );
    const info = (await response.json().catch(() => ({}))) as {
      data?: { user?: { display_name?: string } };
      error?: { code?: string; message?: string };
    };
    if (!response.ok || (info.error?.code && info.error.code !== 'ok'))
      throw new ProviderError(
        'permanent',
        info.error?.code ?? `http_${response.status}`,
        'TikTok: das Profil konnte nicht gelesen werden.',
        info.error?.message,
      );
    return [
      {
        platform: 'tiktok',
        externalId: token.open_id,
        name: info.data?.user?.display_name ?? 'TikTok',
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        expiresAt: expiresIn(token.expires_in),
      },
    ];
  }

  async refresh(app: OAuthApp, refreshToken: string): Promise<RefreshedToken> {
    const token = await this.#token(app, { grant_type: 'refresh_token', refresh_token: refreshToken });
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: expiresIn(token.expires_in),
    };
  }

  #token(app: OAuthApp, grant: Record<string, string>): Promise<TokenResponse> {
    return formTokenRequest<TokenResponse>(
      `${this.options.apiUrl.replace(/\/$/, '')}/v2/oauth/token/`,
      { ...grant, client_key: app.clientId, client_secret: app.clientSecret },
      this.#fetch,
      'TikTok',
    );
  }
}
