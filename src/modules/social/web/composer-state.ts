import type { AccountView, PostView } from '../contract.js';
import type { PostFormat, SocialPlatform } from '../domain/platforms.js';
import { checkVariant, type RuleIssue } from '../domain/post-rules.js';

/** A photo or video the post may use, with what the platform rules need to know about it. */
export interface PoolMedia {
  kind: 'image' | 'video';
  /** The owning module's reference; the server resolves it (no storage keys in the client). */
  source: string;
  id: string;
  previewUrl: string | null;
  altText: string;
  width: number;
  height: number;
  sizeBytes: number;
  durationSeconds?: number;
  isFloorplan?: boolean;
}

/** A pool medium's identity within the composer. */
export const poolKey = (m: { source: string; id: string }) => `${m.source}:${m.id}`;

/** What the person chose for TikTok (no preset: the Content Sharing Guidelines forbid one). */
export interface TikTokChoice {
  privacyLevel: string;
  allowComment: boolean;
  allowDuet: boolean;
  allowStitch: boolean;
}

export interface Variant {
  format: PostFormat;
  text: string;
  link: string;
  firstComment: string;
  /** Pool keys (poolKey) of the chosen media, in posting order. */
  media: string[];
  tiktok?: TikTokChoice;
}

export interface ComposerState {
  title: string;
  propertyId: string;
  pool: PoolMedia[];
  /** Account id → its variant; only chosen channels have one. */
  variants: Record<string, Variant>;
}

export const emptyVariant = (): Variant => ({
  format: 'feed',
  text: '',
  link: '',
  firstComment: '',
  media: [],
});

/** How many photos each platform gets by default when a post is filled from a property. */
const DEFAULT_PHOTOS: Record<SocialPlatform, number> = { facebook: 4, instagram: 6, linkedin: 4, tiktok: 0 };
export const defaultPhotos = (platform: SocialPlatform, pool: PoolMedia[]) =>
  pool
    .filter((m) => m.kind === 'image' && !m.isFloorplan)
    .slice(0, DEFAULT_PHOTOS[platform])
    .map(poolKey);

export function issuesOf(platform: SocialPlatform, variant: Variant, pool: PoolMedia[]): RuleIssue[] {
  const chosen = variant.media.flatMap((key) => pool.filter((m) => poolKey(m) === key));
  const issues = checkVariant({
    platform,
    format: variant.format,
    text: variant.text,
    firstComment: variant.firstComment || undefined,
    media: chosen.map((m) => ({
      kind: m.kind,
      width: m.width,
      height: m.height,
      sizeBytes: m.sizeBytes,
      durationSeconds: m.durationSeconds,
    })),
  });
  if (!variant.text.trim() && platform !== 'tiktok')
    issues.unshift({ code: 'text_required', message: 'Bitte einen Text schreiben.' });
  if (platform === 'tiktok' && !variant.tiktok?.privacyLevel)
    issues.push({ code: 'tiktok_privacy', message: 'TikTok: Bitte wählen, wer den Beitrag sehen darf.' });
  return issues;
}

/** The composer's state as the API's create/replace body. */
export function toBody(state: ComposerState, accounts: AccountView[]) {
  return {
    title: state.title.trim(),
    propertyId: state.propertyId || null,
    targets: accounts
      .filter((a) => state.variants[a.id])
      .map((a) => {
        const v = state.variants[a.id] as Variant;
        return {
          accountId: a.id,
          format: v.format,
          text: v.text,
          link: v.link && (a.platform === 'facebook' || a.platform === 'linkedin') ? v.link : undefined,
          firstComment: v.firstComment.trim() || undefined,
          tiktok: a.platform === 'tiktok' && v.tiktok?.privacyLevel ? v.tiktok : undefined,
          media: v.media.flatMap((key) =>
            state.pool
              .filter((m) => poolKey(m) === key)
              .map((m) => ({ source: m.source, id: m.id, altText: m.altText || undefined })),
          ),
        };
      }),
  };
}

/** An existing post back into composer state (file sizes are the server's to check). */
export function fromPost(post: PostView): ComposerState {
  const pool: PoolMedia[] = [];
  const variants: Record<string, Variant> = {};
  for (const target of post.targets) {
    for (const m of target.media)
      if (!pool.some((p) => poolKey(p) === poolKey(m)))
        pool.push({ ...m, width: m.width ?? 1080, height: m.height ?? 1080, sizeBytes: 0 });
    variants[target.accountId] = {
      format: target.format as PostFormat,
      text: target.text,
      link: target.link ?? '',
      firstComment: target.firstComment ?? '',
      media: target.media.map(poolKey),
      tiktok: target.tiktok ?? undefined,
    };
  }
  return { title: post.title, propertyId: post.propertyId ?? '', pool, variants };
}
