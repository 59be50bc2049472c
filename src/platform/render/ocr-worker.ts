import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

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

/** A German and English Tesseract worker (LSTM); the caller terminates it. */
export async function createOcrWorker(): Promise<Worker> {
  return createWorker(['deu', 'eng'], OEM.LSTM_ONLY, {
    langPath: await languageDirectory(),
    cacheMethod: 'none',
    gzip: true,
  });
}
