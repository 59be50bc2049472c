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

const MB = 1024 * 1024;
const PUBLISH_ID_KEY = 'tiktok.publishId';
/** TikTok's media transfer rules: chunks of 5–64 MB, the last one takes the remainder. */
export const MIN_CHUNK = 5 * MB;
export const MAX_CHUNK = 64 * MB;

export function chunkPlan(size: number, preferred = 10 * MB): { chunkSize: number; count: number } {
  if (size < MIN_CHUNK) return { chunkSize: size, count: 1 };
  // A video smaller than the preferred chunk goes up whole; count = floor(size / chunk) always.
  const chunkSize = Math.min(size, MAX_CHUNK, Math.max(MIN_CHUNK, preferred));
  return { chunkSize, count: Math.floor(size / chunkSize) };
}

export interface CreatorInfo {
  creator_username: string;
  creator_nickname?: string;
  privacy_level_options: string[];
  comment_disabled: boolean;
  duet_disabled: boolean;
  stitch_disabled: boolean;
  max_video_post_duration_sec: number;
}

interface TikTokEnvelope<T> {
  data?: T;
  error?: { code: string; message?: string; log_id?: string };
}

export interface TikTokOptions {
  baseUrl: string;
  pollIntervalMs: number;
  maxPolls: number;
  chunkBytes?: number;
  sleep?: (ms: number) => Promise<void>;
  fetchImpl?: typeof fetch;
}

export interface TikTokPostSettings {
  privacyLevel: string;
  disableComment?: boolean;
  disableDuet?: boolean;
  disableStitch?: boolean;
}

/**
 * TikTok Content Posting API (Direct Post): `creator_info/query` decides which privacy levels
 * the UI may offer, `video/init` with FILE_UPLOAD returns an upload URL, the video goes up in
 * sequential `Content-Range` chunks, and `status/fetch` is polled until PUBLISH_COMPLETE.
 */
export class TikTokAdapter implements SocialAdapter {
  readonly platform = 'tiktok' as const;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TikTokOptions) {
    this.#fetch = options.fetchImpl ?? fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  creatorInfo(account: AccountAccess): Promise<CreatorInfo> {
    return withFreshToken(account, (token) =>
      this.#api<CreatorInfo>('/v2/post/publish/creator_info/query/', {}, token),
    );
  }

  publish(
    account: AccountAccess,
    request: PublishRequest,
    chosen?: TikTokPostSettings,
  ): Promise<PublishResult> {
    return withFreshToken(account, async (token) => {
      // TikTok's Content Sharing Guidelines: the person chooses; there is no default to fall back on.
      const settings = chosen ?? request.tiktok;
      if (!settings)
        throw new ProviderError(
          'permanent',
          'privacy_level_required',
          'TikTok: Für diesen Beitrag wurde keine Sichtbarkeit gewählt.',
        );
      const creator = await this.#api<CreatorInfo>('/v2/post/publish/creator_info/query/', {}, token);
      if (!creator.privacy_level_options.includes(settings.privacyLevel))
        throw new ProviderError(
          'permanent',
          'privacy_level_option_mismatch',
          `Dieses TikTok-Konto erlaubt die Sichtbarkeit „${settings.privacyLevel}“ nicht.`,
        );
      if (request.media.length > 0 && request.media.every((m) => m.kind === 'image'))
        return this.#publishPhotos(request, settings, creator, token);
      const [video] = request.media;
      if (video?.kind !== 'video' || !video.read)
        throw new ProviderError('permanent', 'video_required', 'TikTok braucht eine Videodatei oder Fotos.');
      const bytes = await video.read();
      const plan = chunkPlan(bytes.length, this.options.chunkBytes);
      const init = await this.#api<{ publish_id: string; upload_url: string }>(
        '/v2/post/publish/video/init/',
        {
          post_info: {
            title: request.text,
            privacy_level: settings.privacyLevel,
            disable_comment: settings.disableComment ?? creator.comment_disabled,
            disable_duet: settings.disableDuet ?? creator.duet_disabled,
            disable_stitch: settings.disableStitch ?? creator.stitch_disabled,
          },
          source_info: {
            source: 'FILE_UPLOAD',
            video_size: bytes.length,
            chunk_size: plan.chunkSize,
            total_chunk_count: plan.count,
          },
        },
        token,
      );
      await request.checkpoint?.set(PUBLISH_ID_KEY, init.publish_id);
      for (let i = 0; i < plan.count; i++) {
        const start = i * plan.chunkSize;
        const end = i === plan.count - 1 ? bytes.length : start + plan.chunkSize;
        const response = await this.#fetch(init.upload_url, {
          method: 'PUT',
          headers: {
            'content-type': 'video/mp4',
            'content-range': `bytes ${start}-${end - 1}/${bytes.length}`,
          },
          body: new Blob([new Uint8Array(bytes.subarray(start, end))]),
        });
        if (response.status !== 206 && response.status !== 201)
          throw new ProviderError(
            response.status >= 500 ? 'retryable' : 'permanent',
            `upload_${response.status}`,
            'Das Video konnte nicht zu TikTok übertragen werden.',
          );
      }
      return this.#awaitPublished(init.publish_id, token);
    });
  }

  /**
   * Photo posts (Content Posting API `content/init`, media_type PHOTO): TikTok pulls the
   * images from our signed media addresses (the domain must be verified in the TikTok app).
   */
  async #publishPhotos(
    request: PublishRequest,
    settings: TikTokPostSettings,
    creator: CreatorInfo,
    token: string,
  ): Promise<PublishResult> {
    const init = await this.#api<{ publish_id: string }>(
      '/v2/post/publish/content/init/',
      {
        media_type: 'PHOTO',
        post_mode: 'DIRECT_POST',
        post_info: {
          title: request.text.split('\n')[0]?.slice(0, 90) ?? '',
          description: request.text,
          privacy_level: settings.privacyLevel,
          disable_comment: settings.disableComment ?? creator.comment_disabled,
          auto_add_music: true,
        },
        source_info: {
          source: 'PULL_FROM_URL',
          photo_cover_index: 0,
          photo_images: request.media.slice(0, 35).map((m) => m.url),
        },
      },
      token,
    );
    await request.checkpoint?.set(PUBLISH_ID_KEY, init.publish_id);
    return this.#awaitPublished(init.publish_id, token);
  }

  /**
   * Polls `status/fetch` until TikTok has published. The post id comes only once the post is
   * public (after moderation); until then the publish id stands in and `resolvePostId` swaps it later.
   */
  async #awaitPublished(publishId: string, token: string): Promise<PublishResult> {
    for (let i = 0; i < this.options.maxPolls; i++) {
      const status = await this.#api<{
        status: string;
        fail_reason?: string;
        publicaly_available_post_id?: (string | number)[];
      }>('/v2/post/publish/status/fetch/', { publish_id: publishId }, token);
      if (status.status === 'PUBLISH_COMPLETE')
        return { externalId: String(status.publicaly_available_post_id?.[0] ?? publishId) };
      if (status.status === 'FAILED')
        throw new ProviderError(
          'permanent',
          status.fail_reason ?? 'failed',
          `TikTok hat den Beitrag abgelehnt (${status.fail_reason ?? 'ohne Angabe'}).`,
        );
      await this.#sleep(this.options.pollIntervalMs);
    }
    // Sent; the outcome is checked later with the publish_id, never re-posted.
    throw new ProviderError(
      'unknown_outcome',
      'status_pending',
      'TikTok verarbeitet den Beitrag noch; der Status wird weiter geprüft.',
      publishId,
    );
  }

  /** The public post id for a publish id, once TikTok has one (metrics need it); null until then. */
  resolvePostId(account: AccountAccess, externalId: string): Promise<string | null> {
    if (!/_pub_/.test(externalId)) return Promise.resolve(externalId);
    return withFreshToken(account, async (token) => {
      const status = await this.#api<{ publicaly_available_post_id?: (string | number)[] }>(
        '/v2/post/publish/status/fetch/',
        { publish_id: externalId },
        token,
      );
      const id = status.publicaly_available_post_id?.[0];
      return id === undefined ? null : String(id);
    });
  }

  /**
   * Nothing is posted before the video is uploaded under a publish id: with none saved, nothing
   * landed; with one, `status/fetch` tells (still processing counts as not yet known: retried).
   */
  findPublished(account: AccountAccess, request: PublishRequest): Promise<PublishResult | null> {
    const publishId = request.checkpoint?.get<string>(PUBLISH_ID_KEY);
    if (!publishId) return Promise.resolve(null);
    return withFreshToken(account, async (token) => {
      const status = await this.#api<{ status: string; publicaly_available_post_id?: (string | number)[] }>(
        '/v2/post/publish/status/fetch/',
        { publish_id: publishId },
        token,
      );
      if (status.status === 'PUBLISH_COMPLETE')
        return { externalId: String(status.publicaly_available_post_id?.[0] ?? publishId) };
      if (status.status === 'FAILED') return null;
      throw new ProviderError(
        'retryable',
        'status_pending',
        'TikTok verarbeitet den Beitrag noch; der Status wird später erneut geprüft.',
        publishId,
      );
    });
  }

  /** TikTok has no API for comments; the composer does not offer a first comment for it. */
  async comment(): Promise<string> {
    throw new ProviderError(
      'permanent',
      'comment_unsupported',
      'TikTok bietet keine Schnittstelle für Kommentare.',
    );
  }

  fetchPostMetrics(account: AccountAccess, videoId: string): Promise<PostMetrics> {
    return withFreshToken(account, async (token) => {
      const data = await this.#api<{
        videos?: {
          id: string;
          view_count?: number;
          like_count?: number;
          comment_count?: number;
          share_count?: number;
        }[];
      }>(
        '/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count',
        { filters: { video_ids: [videoId] } },
        token,
      );
      const v = data.videos?.find((x) => x.id === videoId);
      if (!v) return {};
      return {
        impressions: v.view_count,
        likes: v.like_count,
        comments: v.comment_count,
        shares: v.share_count,
        engagement: (v.like_count ?? 0) + (v.comment_count ?? 0) + (v.share_count ?? 0),
      };
    });
  }

  fetchAccountMetrics(account: AccountAccess): Promise<AccountMetrics> {
    return withFreshToken(account, async (token) => {
      const data = await this.#api<{ user?: { follower_count?: number } }>(
        '/v2/user/info/?fields=open_id,follower_count',
        undefined,
        token,
      );
      return { followers: data.user?.follower_count ?? 0 };
    });
  }

  /** POST with a JSON body, or GET when there is none (user info). */
  async #api<T>(path: string, body: unknown, token: string): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ProviderError(
        path.includes('/init/') ? 'unknown_outcome' : 'retryable',
        'network',
        'TikTok ist nicht erreichbar.',
        (error as Error).message,
      );
    }
    const envelope = (await response.json().catch(() => ({}))) as TikTokEnvelope<T>;
    const code = envelope.error?.code ?? (response.ok ? 'ok' : `http_${response.status}`);
    if (code === 'ok' && envelope.data) return envelope.data;
    const detail = `${envelope.error?.message ?? ''} (log_id ${envelope.error?.log_id ?? '-'})`;
    if (code === 'access_token_invalid' || code === 'scope_not_authorized' || response.status === 401)
      throw new ProviderError(
        'auth',
        code,
        'Die TikTok-Verbindung ist abgelaufen. Bitte neu verbinden.',
        detail,
      );
    if (code === 'rate_limit_exceeded' || response.status === 429)
      throw new ProviderError(
        'rate_limit',
        code,
        'TikTok begrenzt die Anfragen; der Beitrag wird später gesendet.',
        detail,
        60,
      );
    if (code === 'spam_risk_too_many_posts' || code === 'spam_risk_user_banned_from_posting')
      throw new ProviderError(
        'rate_limit',
        code,
        'TikTok erlaubt diesem Konto heute keine weiteren Beiträge.',
        detail,
        86_400,
      );
    if (response.status >= 500)
      throw new ProviderError('retryable', code, 'TikTok ist vorübergehend gestört.', detail);
    throw new ProviderError(
      'permanent',
      code,
      `TikTok hat den Beitrag abgelehnt: ${envelope.error?.message ?? code}`,
      detail,
    );
  }
}
