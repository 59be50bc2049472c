import type { PostFormat, SocialPlatform } from '../domain/platforms.js';

export interface PublishMedia {
  kind: 'image' | 'video';
  /** Public URL the platform fetches (Instagram, Facebook by URL). */
  url: string;
  altText?: string;
  /** The file itself, for platforms that take uploads instead of URLs (TikTok, LinkedIn). */
  read?: () => Promise<Buffer>;
}

export interface PublishRequest {
  format: PostFormat;
  text: string;
  link?: string;
  media: PublishMedia[];
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

/** One per platform: validate and publish; status and analytics calls follow the same shape. */
export interface SocialAdapter {
  readonly platform: SocialPlatform;
  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult>;
}
