import { ProviderError } from '../provider-error.js';
import type {
  AccountAccess,
  AccountMetrics,
  PostMetrics,
  PublishedKind,
  PublishRequest,
  PublishResult,
  SocialAdapter,
} from '../social-adapter.js';
import { withFreshToken } from '../with-fresh-token.js';
import { type GraphClient, READ_BACK_PAGES } from './graph-client.js';
import { type InsightsResponse, readInsights, sumKnown } from './graph-insights.js';

/** Video insights (Graph `/{video-id}/video_insights`). */
export const FACEBOOK_VIDEO_METRICS = [
  'total_video_views',
  'total_video_impressions',
  'total_video_impressions_unique',
];

/** With photos attached Facebook ignores `link`, so the link goes into the text instead. */
const messageOf = (request: PublishRequest) =>
  request.media.length > 0 && request.link && !request.text.includes(request.link)
    ? `${request.text}\n\n${request.link}`
    : request.text;

/** Post metrics after Meta's 2025 deprecations (post_impressions_unique → post_total_media_view_unique). */
export const FACEBOOK_POST_METRICS = ['post_media_view', 'post_total_media_view_unique', 'post_clicks'];

/**
 * Facebook Pages: text and link posts to `/{page-id}/feed`; several photos are uploaded
 * unpublished to `/{page-id}/photos` and attached with `attached_media`; a single video goes
 * to `/{page-id}/videos`. (Groups cannot be posted to through the API since April 2024.)
 */
export class FacebookAdapter implements SocialAdapter {
  readonly platform = 'facebook' as const;
  constructor(private readonly graph: GraphClient) {}

  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult> {
    return withFreshToken(account, async (token) => {
      const page = account.externalId;
      if (request.format !== 'feed')
        throw new ProviderError(
          'permanent',
          'format_unsupported',
          'Reels und Stories für Facebook folgen; bitte als Feed-Beitrag senden.',
        );
      const videos = request.media.filter((m) => m.kind === 'video');
      if (videos.length > 0) {
        if (request.media.length > 1)
          throw new ProviderError(
            'permanent',
            'mixed_media',
            'Facebook: ein Video wird allein gepostet, ohne weitere Medien.',
          );
        const [video] = videos as [(typeof videos)[number]];
        const posted = await this.graph.post<{ id: string }>(
          `${page}/videos`,
          { file_url: video.url, description: request.text },
          token,
        );
        return { externalId: posted.id };
      }
      // Photos uploaded by an earlier attempt are attached again, not uploaded twice.
      const attached = [...(request.checkpoint?.get<string[]>('facebook.photos') ?? [])];
      for (const photo of request.media.slice(attached.length)) {
        const uploaded = await this.graph.post<{ id: string }>(
          `${page}/photos`,
          { url: photo.url, published: false, alt_text_custom: photo.altText },
          token,
        );
        attached.push(uploaded.id);
        await request.checkpoint?.set('facebook.photos', attached);
      }
      const message = messageOf(request);
      const params: Record<string, string | undefined> = {
        message,
        link: attached.length === 0 ? request.link : undefined,
      };
      attached.forEach((id, i) => {
        params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id });
      });
      const posted = await this.graph.post<{ id: string }>(`${page}/feed`, params, token);
      return { externalId: posted.id, url: `https://www.facebook.com/${posted.id}` };
    });
  }

  findPublished(account: AccountAccess, request: PublishRequest, since: Date): Promise<PublishResult | null> {
    return withFreshToken(account, async (token) => {
      const video = request.media.some((m) => m.kind === 'video');
      // Page feed and page videos, newest first, only since the first attempt (Graph `since` in
      // Unix seconds), read page by page: on a busy page the post may be far below the first 25.
      const wanted = (video ? request.text : messageOf(request)).trim();
      let hit: { id: string } | undefined;
      for await (const page of this.graph.pages<{ id: string; message?: string; description?: string }>(
        `${account.externalId}/${video ? 'videos' : 'feed'}`,
        {
          fields: video ? 'id,description,created_time' : 'id,message,created_time',
          since: Math.floor(since.getTime() / 1000) - 60,
          limit: 100,
        },
        token,
        READ_BACK_PAGES,
      )) {
        hit = page.find((p) => (video ? p.description : p.message)?.trim() === wanted);
        if (hit) break;
      }
      if (!hit) return null;
      return { externalId: hit.id, url: video ? undefined : `https://www.facebook.com/${hit.id}` };
    });
  }

  comment(account: AccountAccess, postId: string, text: string): Promise<string> {
    return withFreshToken(account, async (token) => {
      const created = await this.graph.post<{ id: string }>(`${postId}/comments`, { message: text }, token);
      return created.id;
    });
  }

  fetchPostMetrics(account: AccountAccess, postId: string, post?: PublishedKind): Promise<PostMetrics> {
    if (post?.video) return this.#videoMetrics(account, postId);
    return withFreshToken(account, async (token) => {
      const insights = readInsights(
        await this.graph.get<InsightsResponse>(
          `${postId}/insights`,
          { metric: FACEBOOK_POST_METRICS.join(',') },
          token,
        ),
      );
      const counts = await this.graph.get<{
        reactions?: { summary?: { total_count?: number } };
        comments?: { summary?: { total_count?: number } };
        shares?: { count?: number };
      }>(
        postId,
        { fields: 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares' },
        token,
      );
      const likes = counts.reactions?.summary?.total_count;
      const comments = counts.comments?.summary?.total_count;
      const shares = counts.shares?.count ?? 0;
      const clicks = insights.post_clicks;
      return {
        impressions: insights.post_media_view,
        reach: insights.post_total_media_view_unique,
        likes,
        comments,
        shares,
        clicks,
        engagement: sumKnown(likes, comments, shares, clicks),
      };
    });
  }

  /** A Page video is a Video object: its numbers come from `video_insights`, not the post `insights` edge. */
  #videoMetrics(account: AccountAccess, videoId: string): Promise<PostMetrics> {
    return withFreshToken(account, async (token) => {
      const insights = readInsights(
        await this.graph.get<InsightsResponse>(
          `${videoId}/video_insights`,
          { metric: FACEBOOK_VIDEO_METRICS.join(',') },
          token,
        ),
      );
      return {
        impressions: insights.total_video_impressions,
        reach: insights.total_video_impressions_unique,
        engagement: insights.total_video_views,
      };
    });
  }

  fetchAccountMetrics(account: AccountAccess): Promise<AccountMetrics> {
    return withFreshToken(account, async (token) => {
      const page = await this.graph.get<{ followers_count?: number }>(
        account.externalId,
        { fields: 'followers_count' },
        token,
      );
      return { followers: page.followers_count ?? 0 };
    });
  }
}
