import sharp from 'sharp';

export interface ImageVariants {
  width: number;
  height: number;
  web: Buffer;
  thumb: Buffer;
}

export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}

/** Decompression bombs stop here: 100 megapixels is far beyond any camera photo. */
const MAX_INPUT_PIXELS = 100_000_000;

/**
 * A web size (≤ 1600 px wide) and a 480×360 thumbnail as WebP, rotated per EXIF and with all
 * metadata (GPS!) stripped; the original is kept unchanged.
 */
export async function imageVariants(data: Buffer): Promise<ImageVariants> {
  try {
    const source = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    const { width, height } = await source
      .clone()
      .toBuffer({ resolveWithObject: true })
      .then((r) => r.info);
    const [web, thumb] = await Promise.all([
      source.clone().resize({ width: 1600, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer(),
      source
        .clone()
        .resize(480, 360, { fit: 'cover', position: 'attention' })
        .webp({ quality: 75 })
        .toBuffer(),
    ]);
    return { width, height, web, thumb };
  } catch (error) {
    throw new InvalidImageError((error as Error).message);
  }
}
