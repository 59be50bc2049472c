import { CURRENT_LINKEDIN_VERSION } from '../api-versions.js';
import { ProviderError } from '../provider-error.js';
import type {
  AccountAccess,
  AccountMetrics,
  PostMetrics,
  PublishRequest,
  PublishResult,
  SocialAdapter,
} from '../social-adapter.js';
import { withFreshToken } from '../with-fresh-token.js';
import { toLittleText } from './little-text.js';

export interface LinkedInOptions {
  /** e.g. https://api.linkedin.com */
  baseUrl: string;
  /** The monthly API version header, e.g. "202607" (api-versions.ts has the sunsets). */
  version: string;
  fetchImpl?: typeof fetch;
}

const IMAGES_KEY = 'linkedin.images';

const organizationUrn = (account: AccountAccess) =>
  account.externalId.startsWith('urn:') ? account.externalId : `urn:li:organization:${account.externalId}`;

/** A read-back of a possibly published post looks through at most this many pages of posts. */
const READ_BACK_PAGES = 10;
const READ_BACK_PAGE_SIZE = 50;

/**
 * LinkedIn Posts API for organisation pages: images go up through
 * `/rest/images?action=initializeUpload` and a PUT to the returned URL, the post is created
 * at `/rest/posts`, and its id comes back in the `x-restli-id` header.
 */
export class LinkedInAdapter implements SocialAdapter {
  readonly platform = 'linkedin' as const;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: LinkedInOptions) {
    this.#fetch = options.fetchImpl ?? fetch;
  }

  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult> {
    return withFreshToken(account, async (token) => {
      const author = organizationUrn(account);
      if (request.media.some((m) => m.kind === 'video'))
        throw new ProviderError(
          'permanent',
          'video_unsupported',
          'LinkedIn-Videos folgen; bitte Bilder oder einen Link verwenden.',
        );
      // Images uploaded by an earlier attempt are used again, not uploaded twice.
      const images = [...(request.checkpoint?.get<{ id: string; altText?: string }[]>(IMAGES_KEY) ?? [])];
      for (const m of request.media.slice(images.length)) {
        if (!m.read)
          throw new ProviderError('permanent', 'file_required', 'LinkedIn braucht die Bilddatei selbst.');
        const init = await this.#rest<{ value: { uploadUrl: string; image: string } }>(
          'POST',
          '/rest/images?action=initializeUpload',
          { initializeUploadRequest: { owner: author } },
          token,
        );
        const upload = await this.#fetch(init.body.value.uploadUrl, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: new Blob([new Uint8Array(await m.read())]),
        });
        if (!upload.ok)
          throw new ProviderError(
            upload.status >= 500 ? 'retryable' : 'permanent',
            `upload_${upload.status}`,
            'Das Bild konnte nicht zu LinkedIn übertragen werden.',
          );
        images.push({ id: init.body.value.image, altText: m.altText });
        await request.checkpoint?.set(IMAGES_KEY, images);
      }
      const content =
        images.length > 1
          ? { multiImage: { images } }
          : images.length === 1
            ? { media: { id: images[0]?.id, altText: images[0]?.altText } }
            : request.link
              ? { article: { source: request.link, title: request.text.split('\n')[0]?.slice(0, 200) ?? '' } }
              : undefined;
      const created = await this.#rest<unknown>(
        'POST',
        '/rest/posts',
        {
          author,
          commentary: toLittleText(request.text),
          visibility: 'PUBLIC',
          distribution: {
            feedDistribution: 'MAIN_FEED',
            targetEntities: [],
            thirdPartyDistributionChannels: [],
          },
          ...(content ? { content } : {}),
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        },
        token,
      );
      const id = created.headers.get('x-restli-id');
      if (!id)
        throw new ProviderError(
          'unknown_outcome',
          'no_restli_id',
          'LinkedIn hat keine Beitrags-ID geliefert; der Status wird geprüft.',
        );
      return { externalId: id, url: `https://www.linkedin.com/feed/update/${id}/` };
    });
  }

  /** The organisation's latest posts (Posts API, "find posts by author"), matched on the commentary. */
  findPublished(account: AccountAccess, request: PublishRequest, since: Date): Promise<PublishResult | null> {
    return withFreshToken(account, async (token) => {
      const author = encodeURIComponent(organizationUrn(account));
      const wanted = toLittleText(request.text).trim();
      const from = since.getTime() - 60_000;
      // Newest first, page by page (`start`/`count`): on a busy page the post may be far down.
      for (let page = 0; page < READ_BACK_PAGES; page++) {
        const { body } = await this.#rest<{
          elements?: { id: string; commentary?: string; createdAt?: number; publishedAt?: number }[];
        }>(
          'GET',
          `/rest/posts?author=${author}&q=author&start=${page * READ_BACK_PAGE_SIZE}&count=${READ_BACK_PAGE_SIZE}&sortBy=LAST_MODIFIED`,
          undefined,
          token,
        );
        const elements = body.elements ?? [];
        const at = (p: (typeof elements)[number]) => p.publishedAt ?? p.createdAt ?? Date.now();
        const hit = elements.find((p) => (p.commentary ?? '').trim() === wanted && at(p) >= from);
        if (hit) return { externalId: hit.id, url: `https://www.linkedin.com/feed/update/${hit.id}/` };
        if (elements.length < READ_BACK_PAGE_SIZE || elements.some((p) => at(p) < from)) return null;
      }
      return null;
    });
  }

  comment(account: AccountAccess, postUrn: string, text: string): Promise<string> {
    return withFreshToken(account, async (token) => {
      const created = await this.#rest<{ id?: string }>(
        'POST',
        `/rest/socialActions/${encodeURIComponent(postUrn)}/comments`,
        { actor: organizationUrn(account), object: postUrn, message: { text } },
        token,
      );
      return created.headers.get('x-restli-id') ?? created.body.id ?? '';
    });
  }

  /** Organisation share statistics; the post's URN kind decides the `shares` or `ugcPosts` list. */
  fetchPostMetrics(account: AccountAccess, postUrn: string): Promise<PostMetrics> {
    return withFreshToken(account, async (token) => {
      const list = postUrn.startsWith('urn:li:ugcPost:') ? 'ugcPosts' : 'shares';
      const query = `q=organizationalEntity&organizationalEntity=${encodeURIComponent(organizationUrn(account))}&${list}=List(${encodeURIComponent(postUrn)})`;
      const { body } = await this.#rest<{
        elements?: {
          totalShareStatistics?: {
            impressionCount?: number;
            uniqueImpressionsCount?: number;
            clickCount?: number;
            likeCount?: number;
            commentCount?: number;
            shareCount?: number;
          };
        }[];
      }>('GET', `/rest/organizationalEntityShareStatistics?${query}`, undefined, token);
      const s = body.elements?.[0]?.totalShareStatistics ?? {};
      const engaged = [s.clickCount, s.likeCount, s.commentCount, s.shareCount].filter(
        (v): v is number => typeof v === 'number',
      );
      return {
        impressions: s.impressionCount,
        reach: s.uniqueImpressionsCount,
        clicks: s.clickCount,
        likes: s.likeCount,
        comments: s.commentCount,
        shares: s.shareCount,
        engagement: engaged.length ? engaged.reduce((a, b) => a + b, 0) : undefined,
      };
    });
  }

  fetchAccountMetrics(account: AccountAccess): Promise<AccountMetrics> {
    return withFreshToken(account, async (token) => {
      const { body } = await this.#rest<{ firstDegreeSize?: number }>(
        'GET',
        `/rest/networkSizes/${encodeURIComponent(organizationUrn(account))}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
        undefined,
        token,
      );
      return { followers: body.firstDegreeSize ?? 0 };
    });
  }

  async #rest<T>(
    method: 'POST' | 'GET',
    path: string,
    body: unknown,
    token: string,
  ): Promise<{ body: T; headers: Headers }> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'linkedin-version': this.options.version,
          'x-restli-protocol-version': '2.0.0',
        },
        body: method === 'POST' ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ProviderError(
        path === '/rest/posts' ? 'unknown_outcome' : 'retryable',
        'network',
        'LinkedIn ist nicht erreichbar.',
        (error as Error).message,
      );
    }
    const text = await response.text();
    // Gateways answer 5xx with an HTML page: an unreadable body is an error body without fields.
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (response.ok)
        throw new ProviderError(
          path === '/rest/posts' ? 'unknown_outcome' : 'retryable',
          'invalid_response',
          'LinkedIn hat unlesbar geantwortet.',
          text.slice(0, 200),
        );
    }
    if (response.ok) return { body: json as T, headers: response.headers };
    const code = String(json.code ?? json.serviceErrorCode ?? `http_${response.status}`);
    const detail = String(json.message ?? '');
    if (response.status === 401)
      throw new ProviderError(
        'auth',
        code,
        'Die LinkedIn-Verbindung ist abgelaufen. Bitte neu verbinden.',
        detail,
      );
    if (response.status === 429)
      throw new ProviderError(
        'rate_limit',
        code,
        'LinkedIn begrenzt die Anfragen; der Beitrag wird später gesendet.',
        detail,
        Number(response.headers.get('retry-after') ?? 3600),
      );
    if (response.status === 403)
      throw new ProviderError(
        'permanent',
        code,
        'Für diese LinkedIn-Seite fehlt die Berechtigung (Seiten-Admin, w_organization_social).',
        detail,
      );
    if (response.status === 426)
      throw new ProviderError(
        'permanent',
        'api_version_retired',
        `LinkedIn unterstützt die API-Version ${this.options.version} nicht mehr. LINKEDIN_API_VERSION auf eine aktuelle Version setzen (Voreinstellung ${CURRENT_LINKEDIN_VERSION}).`,
        detail,
      );
    if (response.status >= 500)
      // A create call that failed on LinkedIn's side may still have made the post: look first.
      throw new ProviderError(
        method === 'POST' && path === '/rest/posts' ? 'unknown_outcome' : 'retryable',
        code,
        'LinkedIn ist vorübergehend gestört.',
        detail,
      );
    throw new ProviderError(
      'permanent',
      code,
      `LinkedIn hat den Beitrag abgelehnt: ${detail || code}`,
      detail,
    );
  }
}
