import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { assertImageSize, normalisedPng } from './image-limits.js';
import { claimingPng } from './test/claiming-png.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('image limits (issue 17.7)', () => {
  it('refuses a PNG that claims 50000 × 50000 from its header, before decoding', async () => {
    const bomb = claimingPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(100);
    expect(await code(assertImageSize(bomb))).toBe('image_too_large');
    expect(await code(normalisedPng(bomb, 1024))).toBe('image_too_large');
  });

  it('refuses a truncated image and re-encodes a good one within the size', async () => {
    expect(await code(normalisedPng(claimingPng(100, 100), 1024))).toBe('image_unreadable');
    const photo = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#0f766e' } })
      .jpeg()
      .toBuffer();
    const png = await normalisedPng(photo, 1024);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1024, height: 512 });
  });
});
