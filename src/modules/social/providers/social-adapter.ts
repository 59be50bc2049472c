import type { PostFormat, SocialPlatform } from '../domain/platforms.js';

export interface PublishMedia {
  kind: 'image' | 'video';
  /** Public URL the platform fetches (Instagram, Facebook by URL). */
  url: string;
  altText?: string;
  /** The file itself, for platforms that take uploads instead of URLs (TikTok, LinkedIn). */
  read?: () => Promise<Buffer>;
}

/**
 * What a publish got done before it stopped (uploaded photos, an Instagram container, a TikTok
 * publish id), kept on the channel so a retry goes on from there instead of sending it again.
 */
export interface PublishCheckpoint {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): Promise<void>;
}

/** A checkpoint that forgets: for callers that do not retry (tests of a single call). */
export function memoryCheckpoint(): PublishCheckpoint {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

export interface PublishRequest {
  format: PostFormat;
  text: string;
  link?: string;
  media: PublishMedia[];
  checkpoint?: PublishCheckpoint;
  /** TikTok: who may see the post and what viewers may do, as the person chose it. */
  tiktok?: {
    privacyLevel: string;
    disableComment?: boolean;
    disableDuet?: boolean;
    disableStitch?: boolean;
  };
}

export interface PublishResult {
  externalId: string;
  url?: string;
}

export interface AccountAccess {
  /** The platform's id of the page, IG user, organisation or creator. */
  externalId: string;
  accessToken: string;
  /** Called once when the platform says the token expired; returns the new token. */
  refresh?: () => Promise<string>;
}

/** Per-post numbers, normalised across platforms; a platform that lacks a metric leaves it out. */
export interface PostMetrics {
  impressions?: number;
  reach?: number;
  engagement?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  clicks?: number;
  saves?: number;
}
export const METRIC_NAMES = [
  'impressions',
  'reach',
  'engagement',
  'likes',
  'comments',
  'shares',
  'clicks',
  'saves',
] as const satisfies readonly (keyof PostMetrics)[];

export interface PublishedKind {
  format: PostFormat;
  video: boolean;
}

export interface AccountMetrics {
  followers: number;
}

/** One per platform: publish, first comment, and the numbers that come back afterwards. */
export interface SocialAdapter {
  readonly platform: SocialPlatform;
  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult>;
  /**
   * After an unknown outcome (a 5xx or no answer to a create call): the post, if it landed
   * after `since`, found by reading back the channel's recent posts or the platform's status.
   */
  findPublished(account: AccountAccess, request: PublishRequest, since: Date): Promise<PublishResult | null>;
  /** Posts the first comment under a published post; returns the comment's id. */
  comment(account: AccountAccess, postId: string, text: string): Promise<string>;
  /** `post` says what was published: stories and videos have metrics (and edges) of their own. */
  fetchPostMetrics(account: AccountAccess, postId: string, post?: PublishedKind): Promise<PostMetrics>;
  /** Where a platform answers a publish with a stand-in id (TikTok's publish id): the post id once known. */
  resolvePostId?(account: AccountAccess, externalId: string): Promise<string | null>;
  fetchAccountMetrics(account: AccountAccess): Promise<AccountMetrics>;
}
