import sharp from 'sharp';
import { createOcrWorker } from '../../../platform/render/ocr-worker.js';

/** Greyscale, despeckled, upright per EXIF, at most 3000 px: what Tesseract reads best and fast enough. */
async function prepare(image: Buffer): Promise<Buffer> {
  return (
    sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(3000, 3000, { fit: 'inside', withoutEnlargement: true })
      .greyscale()
      // Scanner dust and speckles are salt-and-pepper noise; a 3×3 median removes them and keeps strokes.
      // No contrast stretch: on white paper it would turn faint JPEG artefacts into dark specks.
      .median(3)
      .png()
      .toBuffer()
  );
}

/** Recognises German and English text on page images, one worker for the whole document. */
export function ocrImages(
  images: Buffer[],
  onPage: (done: number, total: number) => Promise<void>,
): Promise<{ text: string; confidence: number }> {
  return ocrPages(images.length, async (i) => images[i] ?? Buffer.alloc(0), onPage);
}

/**
 * The same for pages produced one at a time (a scanned PDF rendered page by page), so only
 * one page image is held in memory.
 */
export async function ocrPages(
  count: number,
  pageImage: (index: number) => Promise<Buffer>,
  onPage: (done: number, total: number) => Promise<void>,
): Promise<{ text: string; confidence: number }> {
  const worker = await createOcrWorker();
  try {
    const pages: string[] = [];
    let confidence = 0;
    for (let i = 0; i < count; i++) {
      const { data } = await worker.recognize(await prepare(await pageImage(i)), { rotateAuto: true });
      pages.push(data.text.trim());
      confidence += data.confidence;
      await onPage(i + 1, count);
    }
    return { text: pages.join('\n\n'), confidence: count ? confidence / count : 0 };
  } finally {
    await worker.terminate();
  }
}
