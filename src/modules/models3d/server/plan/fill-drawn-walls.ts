import type { Mat } from '@techstark/opencv-js';
import { copyOf, type Keep, type OpenCv, type Region, regionsOf } from './opencv.js';

/** A cell between hatch lines is at most this many times as long as it is wide. */
const MAX_CELL_ELONGATION = 4;

/** A wall's inside drawn as an outline is at least this many times as long as it is wide. */
const MIN_STRIP_ELONGATION = 5;

/**
 * Filling makes a plan's walls when it adds at least this share to the ink that survives an
 * opening. A coloured R3D plan with thin walls gained 0,66 from filling its window strips; hatched
 * ones gain 8 and more.
 */
const FILL_GAIN = 1.5;

export type WallStyle = 'solid' | 'hatched' | 'outline';

/**
 * Walls drawn hatched (architects' section hatching, CubiCasa-style plans) or as two outlines
 * without fill (CAD exports) are thin lines to the stroke filter, and the walls vanish. Their
 * insides are paper enclosed by ink:
 * - hatched: many small, compact cells narrower than the hatch spacing;
 * - outline: long strips, narrower than a room is wide, running between parallel lines.
 * Filling those makes the walls solid. A room, a corridor with its doorways or a shaft is wide
 * and stays paper.
 *
 * Only a plan whose bold ink grows markedly by the filling is taken to be drawn so: on a plan
 * with solid walls the same cells are letters' counters, tile grids and window panes, and
 * filling them only adds blobs. Returns the ink with the walls filled, or the ink itself.
 */
export function fillDrawnWalls(cv: OpenCv, keep: Keep, ink: Mat): { ink: Mat; style: WallStyle } {
  const paper = keep(new cv.Mat());
  cv.bitwise_not(ink, paper);
  const distance = keep(new cv.Mat());
  cv.distanceTransform(paper, distance, cv.DIST_L2, 3);
  const { regions, labels } = regionsOf(cv, keep, paper, 4);
  // Widest inscribed circle of each region: its half width.
  const radius = new Float32Array(regions.length + 1);
  const depth = distance.data32F;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label > 0 && (depth[i] as number) > (radius[label] as number)) radius[label] = depth[i] as number;
  }
  const extent = Math.max(ink.cols, ink.rows);
  const enclosed = regions.filter(
    (r) => r.x > 0 && r.y > 0 && r.x + r.width < ink.cols && r.y + r.height < ink.rows,
  );
  const isCell = (r: Region) =>
    (radius[r.label] as number) <= Math.max(3, extent / 150) &&
    Math.max(r.width, r.height) / Math.max(1, Math.min(r.width, r.height)) <= MAX_CELL_ELONGATION;
  const isStrip = (r: Region) => {
    const half = radius[r.label] as number;
    // Thin everywhere: the area is about its length times its width, and that length is long.
    return half <= extent / 60 && r.area / (2 * half) ** 2 >= MIN_STRIP_ELONGATION;
  };

  const before = boldPixels(cv, keep, ink);
  let best: { ink: Mat; style: WallStyle; gain: number } = { ink, style: 'solid', gain: 0 };
  for (const [style, pick] of [
    ['hatched', isCell],
    ['outline', isStrip],
  ] as const) {
    const chosen = new Uint8Array(regions.length + 1);
    for (const r of enclosed) if (pick(r)) chosen[r.label] = 1;
    const filled = copyOf(cv, keep, ink);
    const out = filled.data;
    for (let i = 0; i < labels.length; i++) if (chosen[labels[i] as number]) out[i] = 255;
    // A plan drawn one way also has a few regions of the other kind (letters' counters are
    // cells, window panes strips): the filling that adds most says how its walls are drawn.
    const gain = boldPixels(cv, keep, filled) - before;
    if (gain >= Math.max(before * FILL_GAIN, ink.cols * ink.rows * 0.002) && gain > best.gain)
      best = { ink: filled, style, gain };
  }
  return { ink: best.ink, style: best.style };
}

/** Ink that survives an opening with a 5-pixel square: walls, not lines or text. */
function boldPixels(cv: OpenCv, keep: Keep, mask: Mat): number {
  const opened = keep(new cv.Mat());
  const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5)));
  cv.morphologyEx(mask, opened, cv.MORPH_OPEN, kernel);
  return cv.countNonZero(opened);
}
