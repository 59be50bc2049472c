import type { GraphClient } from '../graph/graph-client.js';
import { ProviderError } from '../provider-error.js';
import type { GrantedAccount, OAuthApp, OAuthProvider } from './oauth-provider.js';

const SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_manage_engagement',
  'pages_read_engagement',
  'read_insights',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
];

interface PageList {
  data: {
    id: string;
    name: string;
    access_token?: string;
    instagram_business_account?: { id: string; username?: string };
  }[];
  paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * Facebook Login for Business: code → short-lived user token → long-lived user token
 * (`fb_exchange_token`) → the pages from `/me/accounts` with their page tokens, which do not
 * expire when derived from a long-lived token. Instagram professional accounts come from the
 * pages they are linked to and publish with that page's token.
 */
export class MetaOAuth implements OAuthProvider {
  constructor(
    private readonly graph: GraphClient,
    private readonly options: { dialogUrl: string; version: string; platform: 'facebook' | 'instagram' },
  ) {}

  authorizeUrl(app: OAuthApp, redirectUri: string, state: string): string {
    const url = new URL(`${this.options.dialogUrl.replace(/\/$/, '')}/${this.options.version}/dialog/oauth`);
    url.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: SCOPES.join(','),
    }).toString();
    return url.toString();
  }

  async connect(app: OAuthApp, redirectUri: string, code: string): Promise<GrantedAccount[]> {
    const short = await this.graph.get<{ access_token: string }>(
      'oauth/access_token',
      { client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: redirectUri, code },
      undefined,
    );
    const long = await this.graph.exchangeToken(app.clientId, app.clientSecret, short.access_token);
    const pages: PageList['data'] = [];
    let after: string | undefined;
    // Offices with many pages get them in pages of 100; follow the cursor to the end.
    for (let i = 0; i < 50; i++) {
      const list = await this.graph.get<PageList>(
        'me/accounts',
        { fields: 'id,name,access_token,instagram_business_account{id,username}', limit: 100, after },
        long.accessToken,
      );
      pages.push(...list.data);
      after = list.paging?.next ? list.paging.cursors?.after : undefined;
      if (!after) break;
    }
    const accounts: GrantedAccount[] = [];
    for (const page of pages) {
      if (!page.access_token) continue;
      if (this.options.platform === 'facebook')
        accounts.push({
          platform: 'facebook',
          externalId: page.id,
          name: page.name,
          accessToken: page.access_token,
          expiresAt: null,
        });
      else if (page.instagram_business_account)
        accounts.push({
          platform: 'instagram',
          externalId: page.instagram_business_account.id,
          name: page.instagram_business_account.username
            ? `@${page.instagram_business_account.username}`
            : page.name,
          accessToken: page.access_token,
          expiresAt: null,
        });
    }
    if (accounts.length === 0)
      throw new ProviderError(
        'permanent',
        'no_accounts',
        this.options.platform === 'facebook'
          ? 'Mit diesem Facebook-Login werden keine Seiten verwaltet.'
          : 'Keine der Facebook-Seiten dieses Logins ist mit einem Instagram-Business- oder Creator-Konto verknüpft.',
      );
    return accounts;
  }
}
