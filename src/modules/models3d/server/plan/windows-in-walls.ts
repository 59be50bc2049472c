import { type Bitmap, inkAt, onWall } from './bitmap.js';
import type { PixelOpening, PixelWall } from './detect-walls.js';

/** A window's pane line runs at least this many wall thicknesses along the wall. */
const MIN_PANE_PER_THICKNESS = 2;

/** Pixels a wall must be thick to hold two outlines and a pane with paper between them. */
const MIN_THICKNESS = 12;

/**
 * In a plan whose walls are drawn as two outlines, a window is drawn inside the wall: the wall's
 * outlines run on, and a pane line runs between them. Filling the wall's inside to read it has
 * made the window wall as well; the pane line in the ink as drawn (before filling) finds it
 * again. Along a wall's inside nothing else runs lengthwise: crossing walls and the seams of
 * wall pieces cross it in a few pixels.
 */
export function windowsInOutlineWalls(
  drawn: Bitmap,
  walls: PixelWall[],
  openings: PixelOpening[],
): PixelOpening[] {
  const found: PixelOpening[] = [];
  for (const [index, wall] of walls.entries()) {
    // Only walls with room for two outlines, paper and a pane between them.
    if (wall.thickness < MIN_THICKNESS) continue;
    const at = (along: number, across: number) => inkAt(drawn, ...onWall(wall, along, Math.round(across)));
    // A pane line at the centre with paper on both sides of it inside the wall: a wall drawn too
    // thin for paper between its outlines and a pane has no window to find this way.
    const quarter = wall.thickness / 4;
    const pane = (along: number) =>
      !at(along, wall.centre - quarter) &&
      !at(along, wall.centre + quarter) &&
      [-1, 0, 1].some((offset) => at(along, wall.centre + offset));
    found.push(...windowStretches(wall, index, openings, pane, 0));
  }
  return [...openings, ...found];
}

/** A hollow stretch may break for this many pixels (JPEG noise, a frame's corner). */
const MAX_BREAK = 2;

/**
 * In a plan whose walls are drawn solid, a window is often the wall drawn hollow: its two face
 * lines run on with a slit of paper between them. The stroke filter keeps such a stretch as
 * wall, so it was read as solid wall. Looked for in the ink as drawn: across the wall, ink at
 * both faces and paper somewhere between them, for at least two thicknesses along it.
 */
export function windowsInHollowWalls(
  drawn: Bitmap,
  walls: PixelWall[],
  openings: PixelOpening[],
): PixelOpening[] {
  const found: PixelOpening[] = [];
  for (const [index, wall] of walls.entries()) {
    // A slit with ink either side needs a few pixels of wall.
    if (wall.thickness < 5) continue;
    // A pixel beyond each face: the stroke filter measures a hollow stretch a little thinner.
    const low = Math.round(wall.centre - wall.thickness / 2 - 1);
    const high = Math.round(wall.centre + wall.thickness / 2 + 1);
    // Ink, paper, ink across the wall, each face at least two pixels: a hairline drawn beside
    // a solid wall (a bath's rim, a sill) is one pixel and no face.
    const hollow = (along: number) => {
      const runs: { ink: boolean; length: number }[] = [];
      for (let across = low; across <= high; across++) {
        const ink = inkAt(drawn, ...onWall(wall, along, across));
        const last = runs[runs.length - 1];
        if (last?.ink === ink) last.length++;
        else runs.push({ ink, length: 1 });
      }
      const inner = runs[0]?.ink ? runs : runs.slice(1);
      return (
        inner.length >= 3 &&
        (inner[0]?.length ?? 0) >= 2 &&
        inner[1]?.ink === false &&
        inner[2]?.ink === true &&
        (inner[2]?.length ?? 0) >= 2
      );
    };
    found.push(...windowStretches(wall, index, openings, hollow, MAX_BREAK));
  }
  return [...openings, ...found];
}

/**
 * The stretches of a wall, at least two thicknesses long, where `isWindow` holds (with breaks
 * of up to `maxBreak` pixels), as windows; none where the wall already has an opening. The
 * wall's ends lie in the crossing walls, whose faces and outlines would look like windows.
 */
function windowStretches(
  wall: PixelWall,
  index: number,
  openings: PixelOpening[],
  isWindow: (along: number) => boolean,
  maxBreak: number,
): PixelOpening[] {
  const taken = openings.filter((o) => o.wall === index);
  const minLength = wall.thickness * MIN_PANE_PER_THICKNESS;
  const from = Math.ceil(wall.start + wall.thickness);
  const to = Math.floor(wall.end - wall.thickness);
  const found: PixelOpening[] = [];
  let runStart = -1;
  let last = -1;
  for (let along = from; along <= to + maxBreak + 1; along++) {
    if (along <= to && isWindow(along)) {
      if (runStart < 0) runStart = along;
      last = along;
      continue;
    }
    if (runStart < 0 || along - last <= maxBreak) continue;
    const [start, end] = [runStart, last];
    runStart = -1;
    if (end - start < minLength) continue;
    if (taken.some((o) => o.start < end && o.end > start)) continue;
    found.push({ wall: index, start, end, kind: 'fenster' });
  }
  return found;
}
