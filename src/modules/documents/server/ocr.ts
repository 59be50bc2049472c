import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM } from 'tesseract.js';

const require = createRequire(import.meta.url);

/**
 * tesseract.js wants every language in one directory; the German and English models come from
 * two npm packages, so they are linked side by side once. Nothing is downloaded at run time.
 */
let langDir: Promise<string> | null = null;
function languageDirectory(): Promise<string> {
  langDir ??= (async () => {
    const dir = join(tmpdir(), `immoxx-tessdata-${process.pid}`);
    await mkdir(dir, { recursive: true });
    for (const lang of ['deu', 'eng']) {
      const source = join(
        dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)),
        '4.0.0_best_int',
        `${lang}.traineddata.gz`,
      );
      await symlink(source, join(dir, `${lang}.traineddata.gz`)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
    return dir;
  })();
  return langDir;
}

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
  const worker = await createWorker(['deu', 'eng'], OEM.LSTM_ONLY, {
    langPath: await languageDirectory(),
    cacheMethod: 'none',
    gzip: true,
  });
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
