export const SOCIAL_PLATFORMS = ['facebook', 'instagram', 'linkedin', 'tiktok'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export const POST_FORMATS = ['feed', 'reel', 'story'] as const;
export type PostFormat = (typeof POST_FORMATS)[number];
