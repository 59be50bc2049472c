import type { PixelWall } from './detect-walls.js';
import type { TracedWall } from './trace-rooms.js';

/** A binary image as OpenCV leaves it: one byte per pixel, non-zero where set. */
export interface Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The middle value (the upper one of an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((p, q) => p - q);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/**
 * Sets each wall's centre line and thickness to the faces of its pixels in the wall mask:
 * where walls of several pieces were joined, their averaged thickness is not the drawn one,
 * and a plan's 3D model should have the walls as thick as drawn. Only cross-sections with wall
 * pixels on the centre line and both faces in reach count: a crossing wall or an opening says
 * nothing about this wall's faces.
 */
export function fitWallsToMask(walls: PixelWall[], mask: Mask): void {
  const { data, width, height } = mask;
  for (const wall of walls) {
    const set = (along: number, across: number) => {
      const [x, y] = wall.orientation === 'h' ? [along, across] : [across, along];
      return x >= 0 && y >= 0 && x < width && y < height && (data[y * width + x] as number) > 0;
    };
    const reach = Math.ceil(wall.thickness * 1.5) + 3;
    const centre = Math.floor(wall.centre);
    const lows: number[] = [];
    const highs: number[] = [];
    for (let along = Math.ceil(wall.start); along < Math.floor(wall.end); along++) {
      if (!set(along, centre)) continue;
      let low = centre;
      while (low > centre - reach && set(along, low - 1)) low--;
      let high = centre;
      while (high < centre + reach && set(along, high + 1)) high++;
      if (low === centre - reach || high === centre + reach) continue;
      lows.push(low);
      highs.push(high);
    }
    if (lows.length < Math.max(3, (wall.end - wall.start) * 0.3)) continue;
    const low = median(lows);
    const high = median(highs);
    const thickness = high - low + 1;
    const fitted = (low + high + 1) / 2;
    if (Math.abs(fitted - wall.centre) > wall.thickness / 2) continue;
    wall.centre = fitted;
    wall.thickness = thickness;
  }
}

/**
 * The wall pixels the walls do not explain, as axis-parallel rectangles, each a wall of its
 * own: short stubs beside doors, chimney breasts, bays, pieces too short for the long-run
 * filter. Rows of pixels are swept top to bottom; a run continues the rectangle above when
 * both its ends lie within a pixel of that rectangle's, so ragged faces do not fragment it.
 */
export function residualRectangles(
  mask: Mask,
  walls: PixelWall[],
  minThickness: number,
  minArea: number,
): TracedWall[] {
  const { width, height } = mask;
  const rest = new Uint8Array(mask.data.length);
  for (let i = 0; i < rest.length; i++) rest[i] = (mask.data[i] as number) > 0 ? 1 : 0;
  // One pixel around each wall counts as explained: its faces are not exactly straight.
  for (const wall of walls) {
    const half = wall.thickness / 2 + 1;
    const [x0, x1, y0, y1] =
      wall.orientation === 'h'
        ? [wall.start - half, wall.end + half, wall.centre - half, wall.centre + half]
        : [wall.centre - half, wall.centre + half, wall.start - half, wall.end + half];
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(height, Math.ceil(y1)); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++)
        rest[y * width + x] = 0;
  }
  interface Open {
    top: number;
    rows: number;
    sum0: number;
    sum1: number;
  }
  const done: Open[] = [];
  let open: Open[] = [];
  for (let y = 0; y <= height; y++) {
    const runs: [number, number][] = [];
    if (y < height) {
      let start = -1;
      for (let x = 0; x <= width; x++) {
        const on = x < width && rest[y * width + x] === 1;
        if (on && start < 0) start = x;
        if (!on && start >= 0) {
          runs.push([start, x]);
          start = -1;
        }
      }
    }
    const next: Open[] = [];
    for (const [x0, x1] of runs) {
      const index = open.findIndex(
        (o) => Math.abs(o.sum0 / o.rows - x0) <= 1.5 && Math.abs(o.sum1 / o.rows - x1) <= 1.5,
      );
      const continued = index >= 0 ? open.splice(index, 1)[0] : undefined;
      if (continued) {
        continued.rows++;
        continued.sum0 += x0;
        continued.sum1 += x1;
        next.push(continued);
      } else next.push({ top: y, rows: 1, sum0: x0, sum1: x1 });
    }
    done.push(...open);
    open = next;
  }
  return done.flatMap((r) => {
    const x0 = r.sum0 / r.rows;
    const x1 = r.sum1 / r.rows;
    const w = x1 - x0;
    const h = r.rows;
    if (Math.min(w, h) < minThickness || w * h < minArea) return [];
    return w >= h
      ? [{ a: { x: x0, y: r.top + h / 2 }, b: { x: x1, y: r.top + h / 2 }, thickness: h }]
      : [{ a: { x: x0 + w / 2, y: r.top }, b: { x: x0 + w / 2, y: r.top + h }, thickness: w }];
  });
}
