import type { Mat } from '@techstark/opencv-js';
import { copyOf, type Keep, type OpenCv, regionsOf } from './opencv.js';

/** A cell between hatch lines is at most this many times as long as it is wide. */
const MAX_CELL_ELONGATION = 4;

/** Hatching fills a plan when it adds at least this share to the ink that survives an opening. */
const HATCH_GAIN = 0.6;

/**
 * Walls drawn hatched (architects' section hatching, CubiCasa-style plans) are two outlines with
 * diagonal lines between them: to the stroke filter they are thin lines, and the walls vanish.
 * The paper between the hatch lines falls into many small, compact cells, narrower than the hatch
 * spacing; filling those makes such walls solid. Window strips between parallel lines are long
 * and thin, a room or a shaft is wide: both stay paper.
 *
 * Only a plan whose bold ink grows markedly by the filling is taken as hatched: on a plan with
 * solid walls the same cells are letters' counters and tile grids, and filling them only adds
 * blobs. Returns the ink with the cells filled, or the ink itself.
 */
export function fillHatchedWalls(
  cv: OpenCv,
  keep: Keep,
  ink: Mat,
): { ink: Mat; hatched: boolean; cells: number } {
  const paper = keep(new cv.Mat());
  cv.bitwise_not(ink, paper);
  const distance = keep(new cv.Mat());
  cv.distanceTransform(paper, distance, cv.DIST_L2, 3);
  const { regions, labels } = regionsOf(cv, keep, paper, 4);
  // Widest inscribed circle of each cell: its half width across the hatch lines.
  const radius = new Float32Array(regions.length + 1);
  const depth = distance.data32F;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label > 0 && (depth[i] as number) > (radius[label] as number)) radius[label] = depth[i] as number;
  }
  const extent = Math.max(ink.cols, ink.rows);
  const narrow = Math.max(3, extent / 150);
  const cell = new Uint8Array(regions.length + 1);
  let cells = 0;
  for (const r of regions) {
    const long = Math.max(r.width, r.height);
    const short = Math.max(1, Math.min(r.width, r.height));
    const touchesEdge = r.x === 0 || r.y === 0 || r.x + r.width >= ink.cols || r.y + r.height >= ink.rows;
    if (touchesEdge || (radius[r.label] as number) > narrow || long / short > MAX_CELL_ELONGATION) continue;
    cell[r.label] = 1;
    cells++;
  }
  const filled = copyOf(cv, keep, ink);
  const out = filled.data;
  for (let i = 0; i < labels.length; i++) if (cell[labels[i] as number]) out[i] = 255;

  const bold = (mask: Mat) => {
    const opened = keep(new cv.Mat());
    const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5)));
    cv.morphologyEx(mask, opened, cv.MORPH_OPEN, kernel);
    return cv.countNonZero(opened);
  };
  const before = bold(ink);
  const after = bold(filled);
  const hatched = after - before >= Math.max(before * HATCH_GAIN, ink.cols * ink.rows * 0.002);
  return { ink: hatched ? filled : ink, hatched, cells };
}
