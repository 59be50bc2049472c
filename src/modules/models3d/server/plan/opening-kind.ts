import { type Bitmap, inkAt, onWall } from './bitmap.js';
import type { PixelOpening, PixelWall } from './detect-walls.js';
import type { GreyImage } from './opencv.js';

/** Grey value below which a pixel in a gap belongs to a window's lines (paper is ~250). */
export const WINDOW_LINE_GREY = 215;

/** Ink pixels in the square before a gap, per pixel of its width, that make it a door. */
const DOOR_INK_IN_FRONT = 1.2;

/** Whether nothing but paper lies between a gap and the edge of the image on one side. */
export function facesOutside(walls: Bitmap, wall: PixelWall, gap: { start: number; end: number }): boolean {
  const along = Math.round((gap.start + gap.end) / 2);
  const limit = wall.orientation === 'h' ? walls.height : walls.width;
  for (const side of [-1, 1]) {
    // Sills and frames drawn bold stand out of the wall by about its thickness: skipped.
    let across = Math.round(wall.centre + side * (wall.thickness * 2 + 2));
    let blocked = false;
    for (; across >= 0 && across < limit; across += side) {
      if (inkAt(walls, ...onWall(wall, along, across))) {
        blocked = true;
        break;
      }
    }
    if (!blocked) return true;
  }
  return false;
}

/**
 * Whether a door's leaf or swing arc is drawn beside a gap: a line about the gap's width
 * standing on the wall at either end of the gap, or a quarter circle from its free end back
 * to the wall, on either side, or a leaf drawn half open (ink in the square before the gap).
 */
export function hasDoorSymbol(ink: Bitmap, wall: PixelWall, gap: { start: number; end: number }): boolean {
  const length = gap.end - gap.start;
  if (length < 4) return true;
  const inkNear = (along: number, across: number) => {
    const [cx, cy] = onWall(wall, along, across);
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) if (inkAt(ink, Math.round(cx + dx), Math.round(cy + dy))) return true;
    return false;
  };
  const samples = 16;
  for (const side of [-1, 1]) {
    const face = wall.centre + side * (wall.thickness / 2 + 1);
    const swing = (hinge: number, into: number, radius: number) => {
      let leaf = 0;
      let arc = 0;
      for (let i = 0; i < samples; i++) {
        const t = 0.15 + (0.7 * i) / (samples - 1);
        if (inkNear(hinge + into * 2, face + side * t * radius)) leaf++;
        const angle = (t * Math.PI) / 2;
        if (inkNear(hinge + into * radius * Math.cos(angle), face + side * radius * Math.sin(angle))) arc++;
      }
      return leaf >= samples * 0.6 || arc >= samples * 0.5;
    };
    if (swing(gap.start, 1, length) || swing(gap.end, -1, length)) return true;
    // A leaf drawn half open, at any angle: the square in front of the gap holds its line and
    // arc, where a passage's floor is empty.
    let drawn = 0;
    for (let out = 2; out <= length; out++)
      for (let along = Math.ceil(gap.start); along <= gap.end; along++) {
        if (inkAt(ink, ...onWall(wall, along, Math.round(face + side * out)))) drawn++;
      }
    if (drawn >= length * DOOR_INK_IN_FRONT) return true;
    // A double door: two leaves of half the width each.
    if (swing(gap.start, 1, length / 2) && swing(gap.end, -1, length / 2)) return true;
  }
  return false;
}

/**
 * A window symbol leaves thin lines along the wall inside the gap (frame and pane); a door
 * gap is empty, its leaf and arc lie beside the wall.
 */
export function classifyGap(
  grey: GreyImage,
  wall: PixelWall,
  gap: { start: number; end: number },
): 'tuer' | 'fenster' {
  const from = Math.ceil(gap.start + 2);
  const to = Math.floor(gap.end - 2);
  if (to <= from) return 'tuer';
  const half = Math.ceil(wall.thickness / 2) + 1;
  let lines = 0;
  let inLine = false;
  for (let across = Math.floor(wall.centre - half); across <= wall.centre + half; across++) {
    let filled = 0;
    for (let along = from; along <= to; along++) {
      const [x, y] = wall.orientation === 'h' ? [along, across] : [across, along];
      // Window panes are often drawn in light grey, lighter than the ink threshold.
      if ((grey.data[y * grey.width + x] ?? 255) < WINDOW_LINE_GREY) filled++;
    }
    const isLine = filled >= (to - from + 1) * 0.6;
    if (isLine && !inLine) lines++;
    inLine = isLine;
  }
  return lines >= 2 ? 'fenster' : 'tuer';
}

/**
 * A gap in the outline without a door's leaf or arc beside it is a window whose panes are drawn
 * too faintly to be seen. Leaves and arcs are often drawn in light grey, lighter than the ink
 * threshold, so they are looked for in the grey image.
 */
export function windowsWithoutDoorSymbols(
  grey: GreyImage,
  wallMask: Bitmap,
  walls: PixelWall[],
  openings: PixelOpening[],
): PixelOpening[] {
  const lightInk = { ...grey, data: grey.data.map((v) => (v < WINDOW_LINE_GREY ? 255 : 0)) };
  return openings.map((o) => {
    const wall = walls[o.wall] as PixelWall;
    return o.kind === 'tuer' && !hasDoorSymbol(lightInk, wall, o) && facesOutside(wallMask, wall, o)
      ? { ...o, kind: 'fenster' }
      : o;
  });
}

/** A door leaf is at most this many gap widths long (a leaf drawn from wall to wall). */
const LEAF_PER_GAP = 1.6;

/**
 * Runs as thin as the stroke filter are kept as walls (real plans draw thin interior walls so),
 * but a door's leaf drawn bold is one too: a thin run standing on a wall at a door's hinge and
 * no longer than the door is wide is its leaf, and it would split the room it opens into.
 */
export function dropDoorLeaves(
  walls: PixelWall[],
  openings: PixelOpening[],
  strokeFilter: number,
): { walls: PixelWall[]; openings: PixelOpening[] } {
  const isLeaf = (leaf: PixelWall) =>
    leaf.thickness < strokeFilter + 2 &&
    openings.some((door) => {
      const wall = walls[door.wall] as PixelWall;
      if (door.kind !== 'tuer' || wall.orientation === leaf.orientation) return false;
      const width = door.end - door.start;
      const near = Math.max(3, leaf.thickness) + 2;
      const atHinge = Math.min(Math.abs(leaf.centre - door.start), Math.abs(leaf.centre - door.end)) <= near;
      const face = wall.thickness / 2 + near;
      const onWall = Math.abs(leaf.start - wall.centre) <= face || Math.abs(leaf.end - wall.centre) <= face;
      return atHinge && onWall && leaf.end - leaf.start <= width * LEAF_PER_GAP;
    });
  const leaves = new Set(walls.flatMap((w, i) => (isLeaf(w) ? [i] : [])));
  if (leaves.size === 0) return { walls, openings };
  const newIndex = new Map<number, number>();
  const kept = walls.filter((_, i) => {
    if (leaves.has(i)) return false;
    newIndex.set(i, newIndex.size);
    return true;
  });
  return {
    walls: kept,
    openings: openings.flatMap((o) => {
      const wall = newIndex.get(o.wall);
      return wall === undefined ? [] : [{ ...o, wall }];
    }),
  };
}
