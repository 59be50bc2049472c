import { createRequire } from 'node:module';
import type { Mat } from '@techstark/opencv-js';

export type OpenCv = typeof import('@techstark/opencv-js');
type Emscripten = OpenCv & { onRuntimeInitialized?: () => void };

const require = createRequire(import.meta.url);
let loading: Promise<{ cv: OpenCv }> | null = null;

/**
 * OpenCV's WASM build, compiled once per process on first use (about 0.3 s and 140 MB), not
 * at start-up: most processes never read a floor plan. The module is a thenable whose `then`
 * hands back itself, so it must never be the value a promise resolves to: it is wrapped.
 */
export function openCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve) => {
    const before = {
      uncaughtException: process.listeners('uncaughtException'),
      unhandledRejection: process.listeners('unhandledRejection'),
    };
    const cv = require('@techstark/opencv-js') as Emscripten;
    // Emscripten installs process-wide handlers that rethrow any error with its whole 10 MB
    // source line and abort on any unhandled rejection; the server's own handling stays.
    for (const listener of process.listeners('uncaughtException'))
      if (!before.uncaughtException.includes(listener)) process.removeListener('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!before.unhandledRejection.includes(listener))
        process.removeListener('unhandledRejection', listener);
    if (typeof cv.Mat === 'function') resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return loading;
}

/** Anything OpenCV allocates in WASM memory: Mats and MatVectors. */
interface Deletable {
  delete(): void;
}
export type Keep = <T extends Deletable>(mat: T) => T;
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Runs `fn` with OpenCV and a `keep` that registers each Mat for deletion afterwards: WASM
 * memory is not garbage-collected, and a thrown error must not leak it.
 */
export async function withOpenCv<T>(fn: (cv: OpenCv, keep: Keep) => Promise<T>): Promise<T> {
  const { cv } = await openCv();
  const mats: Deletable[] = [];
  const keep: Keep = (mat) => {
    mats.push(mat);
    return mat;
  };
  try {
    return await fn(cv, keep);
  } finally {
    for (const mat of mats) mat.delete();
  }
}

/**
 * Dark ink on light paper as a binary mask (ink white). The paper is evened out first: a
 * closing with a square larger than any wall leaves only the paper's brightness (shadows and
 * vignetting of a photographed plan), and each pixel is divided by it; then Otsu's threshold.
 */
export function inkMask(cv: OpenCv, keep: Keep, grey: GreyImage): Mat {
  const image = keep(new cv.Mat(grey.height, grey.width, cv.CV_8UC1));
  image.data.set(grey.data);
  // The paper is estimated at an eighth of the size, where the closing costs 1/512 as much.
  const small = keep(new cv.Mat());
  const shrink = 8;
  cv.resize(
    image,
    small,
    new cv.Size(Math.max(8, Math.round(grey.width / shrink)), Math.max(8, Math.round(grey.height / shrink))),
    0,
    0,
    cv.INTER_AREA,
  );
  const size = Math.max(5, Math.round(Math.min(grey.width, grey.height) / 20 / shrink)) | 1;
  const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(size, size)));
  const smallPaper = keep(new cv.Mat());
  cv.morphologyEx(small, smallPaper, cv.MORPH_CLOSE, kernel);
  const paper = keep(new cv.Mat());
  cv.resize(smallPaper, paper, new cv.Size(grey.width, grey.height), 0, 0, cv.INTER_LINEAR);
  const even = keep(new cv.Mat());
  cv.divide(image, paper, even, 255);
  const ink = keep(new cv.Mat());
  cv.threshold(even, ink, 0, 255, cv.THRESH_BINARY_INV | cv.THRESH_OTSU);
  return ink;
}
