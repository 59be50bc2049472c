export const SOCIAL_PLATFORMS = ['facebook', 'instagram', 'linkedin', 'tiktok'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export const POST_FORMATS = ['feed', 'reel', 'story'] as const;
export type PostFormat = (typeof POST_FORMATS)[number];

/** `live` talks to the platform, `sandbox` to the built-in imitation, `offline` only plans (posted by hand). */
export const ACCOUNT_MODES = ['live', 'sandbox', 'offline'] as const;
export type AccountModeName = (typeof ACCOUNT_MODES)[number];

/** TikTok's privacy levels (creator_info/query returns the ones a creator may use). */
export const TIKTOK_PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];
