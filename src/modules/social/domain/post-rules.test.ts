import { describe, expect, it } from 'vitest';
import { checkVariant, type DraftMedia } from './post-rules.js';

const photo = (width = 1080, height = 1080, sizeBytes = 500_000): DraftMedia => ({
  kind: 'image',
  width,
  height,
  sizeBytes,
});
const video = (durationSeconds: number, sizeBytes = 20_000_000): DraftMedia => ({
  kind: 'video',
  width: 1080,
  height: 1920,
  sizeBytes,
  durationSeconds,
});
const codes = (...args: Parameters<typeof checkVariant>) => checkVariant(...args).map((i) => i.code);

describe('platform rules', () => {
  it('accepts the documented maximum caption and refuses one character more (code points, not UTF-16)', () => {
    expect(
      codes({ platform: 'instagram', format: 'feed', text: '🏡'.repeat(2200), media: [photo()] }),
    ).toEqual([]);
    expect(
      codes({ platform: 'instagram', format: 'feed', text: 'a'.repeat(2201), media: [photo()] }),
    ).toEqual(['caption_too_long']);
    expect(codes({ platform: 'linkedin', format: 'feed', text: 'a'.repeat(3001), media: [] })).toEqual([
      'caption_too_long',
    ]);
    expect(codes({ platform: 'facebook', format: 'feed', text: 'a'.repeat(63_206), media: [] })).toEqual([]);
  });

  it('counts Instagram hashtags (≤30) and mentions (≤20)', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#bodensee${i}`).join(' ');
    const mentions = Array.from({ length: 21 }, (_, i) => `@makler${i}`).join(' ');
    expect(codes({ platform: 'instagram', format: 'feed', text: tags, media: [photo()] })).toEqual([
      'too_many_hashtags',
    ]);
    expect(codes({ platform: 'instagram', format: 'feed', text: mentions, media: [photo()] })).toEqual([
      'too_many_mentions',
    ]);
  });

  it('checks media count, aspect ratio, video length and that Instagram needs media', () => {
    expect(
      codes({
        platform: 'instagram',
        format: 'feed',
        text: 'x',
        media: Array.from({ length: 11 }, () => photo()),
      }),
    ).toEqual(['too_many_media']);
    expect(codes({ platform: 'instagram', format: 'feed', text: 'x', media: [photo(1080, 1920)] })).toEqual([
      'aspect_ratio',
    ]);
    expect(codes({ platform: 'instagram', format: 'feed', text: 'x', media: [photo(1080, 1350)] })).toEqual(
      [],
    );
    expect(codes({ platform: 'instagram', format: 'feed', text: 'x', media: [] })).toEqual([
      'media_required',
    ]);
    expect(codes({ platform: 'instagram', format: 'reel', text: 'x', media: [video(2)] })).toEqual([
      'video_duration',
    ]);
    expect(codes({ platform: 'instagram', format: 'reel', text: 'x', media: [photo()] })).toEqual([
      'video_required',
    ]);
  });

  it('applies TikTok creator limits from creator_info', () => {
    expect(
      codes({
        platform: 'tiktok',
        format: 'reel',
        text: 'x'.repeat(150),
        media: [video(200)],
        maxCaptionLength: 100,
        maxVideoSeconds: 180,
      }),
    ).toEqual(['caption_too_long', 'video_duration']);
    expect(codes({ platform: 'tiktok', format: 'story', text: 'x', media: [video(30)] })).toContain(
      'format_unsupported',
    );
  });
});
