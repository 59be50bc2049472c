import sharp from 'sharp';
import { AppError } from '../http/app-error.js';

/**
 * The most pixels an uploaded image may have: more than a 600-dpi A4 scan (35 MP) or any
 * camera photo, far less than an image bomb (a 69-byte PNG that claims 50000 × 50000).
 */
export const MAX_IMAGE_PIXELS = 60_000_000;

const tooLarge = (width: number, height: number) =>
  new AppError(
    422,
    'image_too_large',
    `Das Bild ist mit ${width} × ${height} Pixeln zu groß (höchstens ${MAX_IMAGE_PIXELS / 1_000_000} Megapixel).`,
    { width, height },
  );

/** Reads only the header: refuses an image whose stated size no server should decode. */
export async function assertImageSize(data: Buffer): Promise<void> {
  const meta = await sharp(data, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height)
    throw new AppError(422, 'image_unreadable', 'Die Bilddatei ist beschädigt oder unvollständig.');
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) throw tooLarge(meta.width, meta.height);
}

/**
 * Decodes an uploaded image completely (within the pixel limit) and stores it anew as PNG of
 * at most `maxSide` pixels: what is kept and served is an image we made, not the upload.
 */
export async function normalisedPng(data: Buffer, maxSide: number): Promise<Buffer> {
  await assertImageSize(data);
  try {
    return await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
  } catch {
    throw new AppError(422, 'image_unreadable', 'Die Bilddatei ist beschädigt oder unvollständig.');
  }
}
