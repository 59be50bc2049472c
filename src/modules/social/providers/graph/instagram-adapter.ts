import { ProviderError } from '../provider-error.js';
import {
  type AccountAccess,
  type AccountMetrics,
  memoryCheckpoint,
  type PostMetrics,
  type PublishCheckpoint,
  type PublishedKind,
  type PublishMedia,
  type PublishRequest,
  type PublishResult,
  type SocialAdapter,
} from '../social-adapter.js';
import { withFreshToken } from '../with-fresh-token.js';
import { type GraphClient, READ_BACK_PAGES } from './graph-client.js';
import { type InsightsResponse, readInsights } from './graph-insights.js';

/** Media metrics since v22 (`impressions` retired in favour of `views`). */
export const INSTAGRAM_MEDIA_METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
];

/** Stories have no likes, comments or saves; asking for them fails the whole request (#100). */
export const INSTAGRAM_STORY_METRICS = ['views', 'reach', 'replies', 'shares', 'total_interactions'];

interface ContainerStatus {
  status_code: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  status?: string;
}

export interface InstagramOptions {
  /** Between status checks; Meta's publishing guide: about once a minute, for up to five minutes. */
  pollIntervalMs: number;
  maxPolls: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Meta's recommendation for container status checks (content publishing guide). */
export const INSTAGRAM_POLLING = { pollIntervalMs: 60_000, maxPolls: 5 } as const;
const CONTAINER_KEY = 'instagram.container';
/** Containers expire after 24 hours; one older than 23 is not reused. */
const CONTAINER_REUSE_MS = 23 * 3_600_000;

/**
 * Instagram Graph API content publishing: create a container (child containers for a
 * carousel), poll `status_code` until FINISHED, then `media_publish`. The publishing quota is
 * read from `content_publishing_limit` instead of being assumed.
 */
export class InstagramAdapter implements SocialAdapter {
  readonly platform = 'instagram' as const;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(
    private readonly graph: GraphClient,
    private readonly options: InstagramOptions,
  ) {
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#now = options.now ?? Date.now;
  }

  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult> {
    return withFreshToken(account, async (token) => {
      await this.#checkQuota(account.externalId, token);
      const checkpoint = request.checkpoint ?? memoryCheckpoint();
      // A container from an earlier attempt is polled on, not made again (containers live 24 h).
      const saved = checkpoint.get<{ id: string; at: number }>(CONTAINER_KEY);
      let containerId =
        saved && this.#now() - saved.at < CONTAINER_REUSE_MS
          ? saved.id
          : await this.#newContainer(account.externalId, request, token, checkpoint);
      let status = await this.#waitUntilReady(containerId, token);
      if (status.status_code === 'PUBLISHED') {
        const found = await this.#findByCaption(account.externalId, request, new Date(saved?.at ?? 0), token);
        if (found) return found;
      }
      if (status.status_code === 'EXPIRED') {
        // A container lives 24 hours; one that expired is rebuilt once, never published stale.
        containerId = await this.#newContainer(account.externalId, request, token, checkpoint);
        status = await this.#waitUntilReady(containerId, token);
      }
      if (status.status_code !== 'FINISHED')
        throw new ProviderError(
          'permanent',
          `container_${status.status_code.toLowerCase()}`,
          status.status_code === 'EXPIRED'
            ? 'Instagram hat den vorbereiteten Beitrag verfallen lassen.'
            : `Instagram konnte das Medium nicht verarbeiten${status.status ? ` (${status.status})` : ''}.`,
          status.status,
        );
      const published = await this.graph.post<{ id: string }>(
        `${account.externalId}/media_publish`,
        { creation_id: containerId },
        token,
      );
      const media = await this.graph
        .get<{ permalink?: string }>(published.id, { fields: 'permalink' }, token)
        .catch(() => ({ permalink: undefined }));
      return { externalId: published.id, url: media.permalink };
    });
  }

  /**
   * Only `media_publish` makes a post: with our container known, its status says whether that
   * happened; otherwise the profile's recent media are read back for the caption.
   */
  findPublished(account: AccountAccess, request: PublishRequest, since: Date): Promise<PublishResult | null> {
    return withFreshToken(account, async (token) => {
      const saved = request.checkpoint?.get<{ id: string; at: number }>(CONTAINER_KEY);
      if (saved) {
        const status = await this.graph.get<ContainerStatus>(saved.id, { fields: 'status_code' }, token);
        if (status.status_code !== 'PUBLISHED') return null;
      }
      return this.#findByCaption(account.externalId, request, since, token);
    });
  }

  async #findByCaption(
    igUserId: string,
    request: PublishRequest,
    since: Date,
    token: string,
  ): Promise<PublishResult | null> {
    type Media = { id: string; caption?: string; timestamp?: string; permalink?: string };
    const from = since.getTime() - 60_000;
    // The media edge has no `since`: read newest first, page by page, until older than the first try.
    for await (const page of this.graph.pages<Media>(
      `${igUserId}/media`,
      { fields: 'id,caption,timestamp,permalink', limit: 100 },
      token,
      READ_BACK_PAGES,
    )) {
      const hit = page.find(
        (m) =>
          (m.caption ?? '').trim() === request.text.trim() &&
          (!m.timestamp || Date.parse(m.timestamp) >= from),
      );
      if (hit) return { externalId: hit.id, url: hit.permalink };
      if (page.some((m) => m.timestamp && Date.parse(m.timestamp) < from)) return null;
    }
    return null;
  }

  async #newContainer(
    igUserId: string,
    request: PublishRequest,
    token: string,
    checkpoint: PublishCheckpoint,
  ): Promise<string> {
    const id = await this.#createContainer(igUserId, request, token);
    await checkpoint.set(CONTAINER_KEY, { id, at: this.#now() });
    return id;
  }

  async #checkQuota(igUserId: string, token: string): Promise<void> {
    const limit = await this.graph.get<{
      data: { quota_usage: number; config?: { quota_total: number; quota_duration: number } }[];
    }>(`${igUserId}/content_publishing_limit`, { fields: 'config,quota_usage' }, token);
    const entry = limit.data[0];
    if (entry?.config && entry.quota_usage >= entry.config.quota_total)
      throw new ProviderError(
        'rate_limit',
        'content_publishing_limit',
        `Instagram erlaubt ${entry.config.quota_total} Beiträge in ${Math.round(entry.config.quota_duration / 3600)} Stunden; der Beitrag wird später gesendet.`,
        undefined,
        3600,
      );
  }

  async #createContainer(igUserId: string, request: PublishRequest, token: string): Promise<string> {
    const media = (m: PublishMedia, extra: Record<string, string | boolean | undefined>) =>
      m.kind === 'image'
        ? { image_url: m.url, alt_text: request.format === 'feed' ? m.altText : undefined, ...extra }
        : { video_url: m.url, ...extra };
    if (request.format === 'story') {
      const [first] = request.media;
      if (!first)
        throw new ProviderError('permanent', 'media_required', 'Eine Story braucht ein Bild oder Video.');
      return (
        await this.graph.post<{ id: string }>(
          `${igUserId}/media`,
          media(first, { media_type: 'STORIES' }),
          token,
        )
      ).id;
    }
    if (request.format === 'reel') {
      const [first] = request.media;
      if (first?.kind !== 'video')
        throw new ProviderError('permanent', 'video_required', 'Ein Reel braucht ein Video.');
      return (
        await this.graph.post<{ id: string }>(
          `${igUserId}/media`,
          { media_type: 'REELS', video_url: first.url, caption: request.text },
          token,
        )
      ).id;
    }
    if (request.media.length === 1) {
      const [only] = request.media as [PublishMedia];
      return (
        await this.graph.post<{ id: string }>(
          `${igUserId}/media`,
          media(only, { caption: request.text, media_type: only.kind === 'video' ? 'REELS' : undefined }),
          token,
        )
      ).id;
    }
    const children: string[] = [];
    for (const m of request.media.slice(0, 10)) {
      const child = await this.graph.post<{ id: string }>(
        `${igUserId}/media`,
        media(m, { is_carousel_item: true, media_type: m.kind === 'video' ? 'VIDEO' : undefined }),
        token,
      );
      children.push(child.id);
    }
    for (const child of children) {
      const status = await this.#waitUntilReady(child, token);
      if (status.status_code !== 'FINISHED')
        throw new ProviderError(
          'permanent',
          `container_${status.status_code.toLowerCase()}`,
          'Instagram konnte ein Karussell-Medium nicht verarbeiten.',
          status.status,
        );
    }
    return (
      await this.graph.post<{ id: string }>(
        `${igUserId}/media`,
        { media_type: 'CAROUSEL', children: children.join(','), caption: request.text },
        token,
      )
    ).id;
  }

  async #waitUntilReady(containerId: string, token: string): Promise<ContainerStatus> {
    for (let i = 0; i < this.options.maxPolls; i++) {
      const status = await this.graph.get<ContainerStatus>(
        containerId,
        { fields: 'status_code,status' },
        token,
      );
      if (status.status_code !== 'IN_PROGRESS') return status;
      await this.#sleep(this.options.pollIntervalMs);
    }
    // The container stays in the checkpoint: the next attempt polls it on instead of starting over.
    throw new ProviderError(
      'retryable',
      'container_in_progress',
      'Instagram verarbeitet das Medium noch; es wird später erneut geprüft.',
    );
  }

  comment(account: AccountAccess, mediaId: string, text: string): Promise<string> {
    return withFreshToken(account, async (token) => {
      const created = await this.graph.post<{ id: string }>(`${mediaId}/comments`, { message: text }, token);
      return created.id;
    });
  }

  fetchPostMetrics(account: AccountAccess, mediaId: string, post?: PublishedKind): Promise<PostMetrics> {
    return withFreshToken(account, async (token) => {
      const story = post?.format === 'story';
      const m = readInsights(
        await this.graph.get<InsightsResponse>(
          `${mediaId}/insights`,
          { metric: (story ? INSTAGRAM_STORY_METRICS : INSTAGRAM_MEDIA_METRICS).join(',') },
          token,
        ),
      );
      return {
        impressions: m.views,
        reach: m.reach,
        likes: m.likes,
        comments: m.comments,
        shares: m.shares,
        saves: m.saved,
        engagement: m.total_interactions,
      };
    });
  }

  fetchAccountMetrics(account: AccountAccess): Promise<AccountMetrics> {
    return withFreshToken(account, async (token) => {
      const user = await this.graph.get<{ followers_count?: number }>(
        account.externalId,
        { fields: 'followers_count' },
        token,
      );
      return { followers: user.followers_count ?? 0 };
    });
  }
}
