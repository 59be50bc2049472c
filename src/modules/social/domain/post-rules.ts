import type { PostFormat, SocialPlatform } from './platforms.js';

export interface DraftMedia {
  kind: 'image' | 'video';
  width: number;
  height: number;
  sizeBytes: number;
  durationSeconds?: number;
}

export interface DraftVariant {
  platform: SocialPlatform;
  format: PostFormat;
  text: string;
  media: DraftMedia[];
  firstComment?: string;
  /** From TikTok's creator_info: the longest caption this creator may post. */
  maxCaptionLength?: number;
  /** From TikTok's creator_info: the longest video this creator may post. */
  maxVideoSeconds?: number;
}

export interface RuleIssue {
  code: string;
  message: string;
}

interface PlatformLimits {
  caption: number;
  hashtags?: number;
  mentions?: number;
  maxMedia: Record<PostFormat, number>;
  /** Allowed width/height ratio for images in the feed (Instagram: 4:5 to 1.91:1). */
  imageRatio?: [number, number];
  videoSeconds?: Record<PostFormat, [number, number]>;
  videoBytes?: number;
  imageBytes?: number;
  needsMedia?: boolean;
}

/** Documented limits as of 2026; each number is named in the message a broker sees. */
export const LIMITS: Record<SocialPlatform, PlatformLimits> = {
  facebook: {
    caption: 63_206,
    maxMedia: { feed: 10, reel: 1, story: 1 },
    imageBytes: 10 * 1024 * 1024,
    videoBytes: 10 * 1024 * 1024 * 1024,
    videoSeconds: { feed: [1, 240 * 60], reel: [3, 90], story: [1, 60] },
  },
  instagram: {
    caption: 2_200,
    hashtags: 30,
    mentions: 20,
    maxMedia: { feed: 10, reel: 1, story: 1 },
    imageRatio: [4 / 5, 1.91],
    imageBytes: 8 * 1024 * 1024,
    videoBytes: 300 * 1024 * 1024,
    videoSeconds: { feed: [3, 60 * 60], reel: [3, 15 * 60], story: [3, 60] },
    needsMedia: true,
  },
  linkedin: {
    caption: 3_000,
    maxMedia: { feed: 20, reel: 1, story: 0 },
    imageBytes: 36_152_320,
    videoBytes: 5 * 1024 * 1024 * 1024,
    videoSeconds: { feed: [3, 30 * 60], reel: [3, 30 * 60], story: [0, 0] },
  },
  tiktok: {
    caption: 2_200,
    maxMedia: { feed: 35, reel: 1, story: 0 },
    videoBytes: 4 * 1024 * 1024 * 1024,
    videoSeconds: { feed: [3, 10 * 60], reel: [3, 10 * 60], story: [0, 0] },
    needsMedia: true,
  },
};

const PLATFORM_NAMES: Record<SocialPlatform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
};

const countMatches = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Everything that would make the platform refuse the post, checked before it is scheduled. */
export function checkVariant(v: DraftVariant): RuleIssue[] {
  const limits = LIMITS[v.platform];
  const name = PLATFORM_NAMES[v.platform];
  const issues: RuleIssue[] = [];
  // Platforms count characters as code points (an emoji is one, not two UTF-16 units).
  const length = [...v.text].length;
  const maxCaption = Math.min(limits.caption, v.maxCaptionLength ?? limits.caption);
  if (length > maxCaption)
    issues.push({
      code: 'caption_too_long',
      message: `${name} erlaubt höchstens ${maxCaption.toLocaleString('de-DE')} Zeichen (Text: ${length.toLocaleString('de-DE')}).`,
    });
  if (limits.hashtags !== undefined) {
    const tags = countMatches(v.text, /(^|\s)#[\p{L}\p{N}_]+/gu);
    if (tags > limits.hashtags)
      issues.push({
        code: 'too_many_hashtags',
        message: `${name} erlaubt höchstens ${limits.hashtags} Hashtags (Text: ${tags}).`,
      });
  }
  if (limits.mentions !== undefined) {
    const mentions = countMatches(v.text, /(^|\s)@[\w.]+/g);
    if (mentions > limits.mentions)
      issues.push({
        code: 'too_many_mentions',
        message: `${name} erlaubt höchstens ${limits.mentions} Erwähnungen (Text: ${mentions}).`,
      });
  }
  const maxMedia = limits.maxMedia[v.format];
  if (maxMedia === 0)
    issues.push({
      code: 'format_unsupported',
      message: `${name} bietet das Format „${v.format}“ über die API nicht an.`,
    });
  else if (v.media.length > maxMedia)
    issues.push({
      code: 'too_many_media',
      message: `${name} erlaubt hier höchstens ${maxMedia} Medien (gewählt: ${v.media.length}).`,
    });
  if (limits.needsMedia && v.media.length === 0)
    issues.push({ code: 'media_required', message: `${name} braucht mindestens ein Bild oder Video.` });
  if (
    v.platform === 'tiktok' &&
    v.media.some((m) => m.kind === 'image') &&
    v.media.some((m) => m.kind === 'video')
  )
    issues.push({ code: 'mixed_media', message: 'TikTok: entweder ein Video oder Fotos, nicht beides.' });
  if (
    (v.format === 'reel' || v.platform === 'tiktok') &&
    v.format !== 'feed' &&
    v.media.some((m) => m.kind !== 'video')
  )
    issues.push({ code: 'video_required', message: `${name}: Reels brauchen ein Video.` });

  if (v.firstComment && v.platform === 'tiktok')
    issues.push({
      code: 'comment_unsupported',
      message: 'TikTok: ein erster Kommentar lässt sich über die Schnittstelle nicht veröffentlichen.',
    });
  else if (v.firstComment && [...v.firstComment].length > limits.caption)
    issues.push({
      code: 'comment_too_long',
      message: `${name}: der erste Kommentar ist länger als ${limits.caption} Zeichen.`,
    });

  v.media.forEach((m, i) => {
    const label = `Medium ${i + 1}`;
    if (m.kind === 'image') {
      if (limits.imageBytes && m.sizeBytes > limits.imageBytes)
        issues.push({
          code: 'image_too_large',
          message: `${label}: ${name} nimmt Bilder bis ${mb(limits.imageBytes)} an.`,
        });
      const ratio = m.width / m.height;
      if (
        limits.imageRatio &&
        v.format === 'feed' &&
        (ratio < limits.imageRatio[0] - 0.01 || ratio > limits.imageRatio[1] + 0.01)
      )
        issues.push({
          code: 'aspect_ratio',
          message: `${label}: Seitenverhältnis ${ratio.toFixed(2)} – ${name} erlaubt 4:5 bis 1,91:1. Bitte zuschneiden.`,
        });
    } else {
      if (limits.videoBytes && m.sizeBytes > limits.videoBytes)
        issues.push({
          code: 'video_too_large',
          message: `${label}: ${name} nimmt Videos bis ${mb(limits.videoBytes)} an.`,
        });
      const range = limits.videoSeconds?.[v.format];
      const max = Math.min(
        range?.[1] ?? Number.POSITIVE_INFINITY,
        v.maxVideoSeconds ?? Number.POSITIVE_INFINITY,
      );
      if (
        m.durationSeconds !== undefined &&
        range &&
        (m.durationSeconds < range[0] || m.durationSeconds > max)
      )
        issues.push({
          code: 'video_duration',
          message: `${label}: ${name} erlaubt hier ${range[0]}–${max} Sekunden (Video: ${Math.round(m.durationSeconds)} s).`,
        });
    }
  });
  return issues;
}
