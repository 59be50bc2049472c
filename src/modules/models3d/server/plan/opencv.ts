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

/**
 * A copy of a Mat with its own pixels. `Mat.clone()` of this OpenCV build shares the pixel
 * buffer with the original, so writing into a "clone" changed the original too.
 */
export function copyOf(cv: OpenCv, keep: Keep, mat: Mat): Mat {
  const copy = keep(new cv.Mat());
  mat.copyTo(copy);
  return copy;
}

/** A connected region of a binary mask: its label in `labels` and its bounding box. */
export interface Region {
  label: number;
  x: number;
  y: number;
  width: number;
  height: number;
  area: number;
  /** Centre of mass, pixel coordinates. */
  centroid: { x: number; y: number };
}

/**
 * The connected regions of a binary mask (label 0, the background, left out) and the label of
 * every pixel. OpenCV returns the boxes as a flat row-major table; this reads it once.
 */
export function regionsOf(
  cv: OpenCv,
  keep: Keep,
  mask: Mat,
  connectivity: 4 | 8,
): { regions: Region[]; labels: Int32Array } {
  const labels = keep(new cv.Mat());
  const stats = keep(new cv.Mat());
  const centroids = keep(new cv.Mat());
  const count = cv.connectedComponentsWithStats(mask, labels, stats, centroids, connectivity, cv.CV_32S);
  const table = stats.data32S;
  const centres = centroids.data64F;
  const regions: Region[] = [];
  for (let label = 1; label < count; label++) {
    const row = label * 5;
    regions.push({
      label,
      x: table[row] as number,
      y: table[row + 1] as number,
      width: table[row + 2] as number,
      height: table[row + 3] as number,
      area: table[row + 4] as number,
      centroid: { x: centres[label * 2] as number, y: centres[label * 2 + 1] as number },
    });
  }
  // A copy: the Mat's view into WASM memory goes stale once a later Mat makes the heap grow.
  return { regions, labels: Int32Array.from(labels.data32S) };
}
