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
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

/**
 * LinkedIn's 3-legged OAuth for organisation pages: the consent at `/oauth/v2/authorization`,
 * the code exchange at `/oauth/v2/accessToken`, then the organisations the member administers
 * from `organizationAcls` and their names from `organizations`. Refresh tokens exist only for
 * approved Marketing partners; without one, the account needs a new consent after 60 days.
 */
/** Organisation roles that may create posts for the page (LinkedIn organizationAcls roles). */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);

export class LinkedInOAuth implements OAuthProvider {
  readonly #fetch: typeof fetch;
  constructor(
    private readonly options: { oauthUrl: string; apiUrl: string; version: string; fetchImpl?: typeof fetch },
  ) {
    this.#fetch = options.fetchImpl ?? fetch;
  }

  authorizeUrl(app: OAuthApp, redirectUri: string, state: string): string {
    const url = new URL(`${this.options.oauthUrl.replace(/\/$/, '')}/oauth/v2/authorization`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: redirectUri,
      state,
      scope: 'w_organization_social r_organization_social rw_organization_admin',
    }).toString();
    return url.toString();
  }

  async connect(app: OAuthApp, redirectUri: string, code: string): Promise<GrantedAccount[]> {
    const token = await this.#token(app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    const acls = await this.#get<{
      elements?: { organization?: string; organizationTarget?: string; role?: string }[];
    }>('/rest/organizationAcls?q=roleAssignee&state=APPROVED&count=100', token.access_token);
    // Content administrators may post for the page as well as full administrators.
    const urns = [
      ...new Set(
        (acls.elements ?? [])
          .filter((e) => POSTING_ROLES.has(e.role ?? ''))
          .map((e) => e.organization ?? e.organizationTarget)
          .filter((u): u is string => Boolean(u)),
      ),
    ];
    if (urns.length === 0)
      throw new ProviderError(
        'permanent',
        'no_accounts',
        'Dieses LinkedIn-Konto ist auf keiner Unternehmensseite Administrator oder Content-Administrator.',
      );
    const accounts: GrantedAccount[] = [];
    for (const urn of urns) {
      const id = urn.split(':').at(-1) ?? urn;
      const org = await this.#get<{ localizedName?: string }>(
        `/rest/organizations/${id}`,
        token.access_token,
      );
      accounts.push({
        platform: 'linkedin',
        externalId: urn,
        name: org.localizedName ?? urn,
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        expiresAt: expiresIn(token.expires_in),
      });
    }
    return accounts;
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
      `${this.options.oauthUrl.replace(/\/$/, '')}/oauth/v2/accessToken`,
      { ...grant, client_id: app.clientId, client_secret: app.clientSecret },
      this.#fetch,
      'LinkedIn',
    );
  }

  async #get<T>(path: string, token: string): Promise<T> {
    const response = await this.#fetch(`${this.options.apiUrl.replace(/\/$/, '')}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        'linkedin-version': this.options.version,
        'x-restli-protocol-version': '2.0.0',
      },
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok)
      throw new ProviderError(
        response.status >= 500 ? 'retryable' : 'permanent',
        `http_${response.status}`,
        `LinkedIn: die Unternehmensseiten konnten nicht gelesen werden (${response.status}).`,
        body.message,
      );
    return body;
  }
}
