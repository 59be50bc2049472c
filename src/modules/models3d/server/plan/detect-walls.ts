import type { Mat } from '@techstark/opencv-js';
import { fillDrawnWalls, type WallStyle } from './fill-drawn-walls.js';
import { findRooms, type PixelRoom } from './find-rooms.js';
import { fitWallsToMask, residualRectangles } from './fit-walls.js';
import { type GreyImage, inkMask, type Keep, type OpenCv, regionsOf, withOpenCv } from './opencv.js';
import { classifyGap, dropDoorLeaves, windowsWithoutDoorSymbols } from './opening-kind.js';
import { residualWalls } from './residual-walls.js';
import { type TracedWall, wallsAlongRooms } from './trace-rooms.js';
import { windowRuns } from './window-runs.js';
import { windowsInHollowWalls, windowsInOutlineWalls } from './windows-in-walls.js';

/** A wall found in the image: axis-aligned centre line, pixels of the working image. */
export interface PixelWall {
  orientation: 'h' | 'v';
  /** y of a horizontal wall's centre line, x of a vertical one. */
  centre: number;
  start: number;
  end: number;
  thickness: number;
}

/** A gap in a wall, from `start` to `end` along it. */
export interface PixelOpening {
  wall: number;
  start: number;
  end: number;
  kind: 'tuer' | 'fenster';
}

export interface PixelPlan {
  width: number;
  height: number;
  walls: PixelWall[];
  openings: PixelOpening[];
  /** Side of the square that removes text and thin lines but keeps walls. */
  strokeFilter: number;
  /** Share of the kept wall pixels that the found walls explain. */
  explained: number;
  /** Rooms as the regions between the ink, outlines along the wall faces. */
  rooms: PixelRoom[];
  /** Walls of any direction traced along the room outlines where the vectoriser fell short. */
  traced: TracedWall[];
  /** Why the reading is only partial (one line for the broker), or null. */
  unsure: string | null;
  /** Pixels per metre as first guessed from wall thickness or the drawing's size. */
  roughPxPerMetre: number;
  /** How the walls are drawn; hatched and outlined walls are read after filling them. */
  wallStyle: WallStyle;
}

/**
 * Gives the event loop a turn between OpenCV steps: reading runs where jobs run, often in the
 * server's own process, and other requests must not wait for a whole plan.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class PlanNotReadable extends Error {
  constructor(
    readonly code: 'no_walls' | 'not_a_plan' | 'no_rooms',
    message: string,
  ) {
    super(message);
  }
}

export type Progress = (percent: number, step: string) => void | Promise<void>;

/** Plans are mostly paper; an image darker than this is a photo or a screenshot of one. */
const MAX_INK_SHARE = 0.35;
const ASSUMED_BUILDING_LENGTH = 12;

/** The longer side of the box around all ink, pixels. */
function inkExtent(ink: Mat): number {
  let left = ink.cols;
  let right = 0;
  let top = ink.rows;
  let bottom = 0;
  for (let y = 0; y < ink.rows; y++)
    for (let x = 0; x < ink.cols; x++) {
      if ((ink.data[y * ink.cols + x] as number) === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  return Math.max(1, right - left, bottom - top);
}

/** Share of the wall ink the found walls must explain for a reading not to be partial. */
const EXPLAINED_TO_BE_READ = 0.7;

const wallArea = (walls: TracedWall[]) =>
  walls.reduce((sum, w) => sum + Math.hypot(w.b.x - w.a.x, w.b.y - w.a.y) * w.thickness, 0);

/** Walls thicker than this share of the image are blobs (a photo), not walls. */
const MAX_THICKNESS_SHARE = 0.05;

/**
 * Finds the walls and their openings in a greyscale floor plan:
 *
 * 1. even out the paper's brightness and binarise with Otsu (dark ink on light paper);
 * 2. open with the smallest square that leaves the ink area stable: text, dimension lines,
 *    furniture, door arcs and window symbols are thin and vanish, walls are thick and stay;
 * 3. keep long horizontal and vertical runs and vectorise each connected run to a centre
 *    line with its thickness;
 * 4. join ends to the perpendicular walls they meet (corners, T-junctions);
 * 5. bridge gaps along a wall: small ones are noise, door-sized ones become openings, told
 *    apart by the thin parallel lines a window symbol leaves in the gap; a wall stopping a
 *    door's width short of a crossing wall (a door in a corner) is closed the same way;
 * 6. close the outline where windows are drawn as thin double lines instead of wall (a glazed
 *    façade), and find windows drawn as a hollow stretch of a solid wall.
 */
export async function detectWalls(grey: GreyImage, progress: Progress = () => {}): Promise<PixelPlan> {
  return withOpenCv(async (cv, keep) => {
    const drawnInk = inkMask(cv, keep, grey);
    const { ink, style: wallStyle } = fillDrawnWalls(cv, keep, drawnInk);
    await progress(30, 'Linien getrennt');

    const inked = cv.countNonZero(ink);
    if (inked < grey.width * grey.height * 0.002)
      throw new PlanNotReadable(
        'no_walls',
        'Das Bild ist fast leer – darauf ist kein Grundriss zu erkennen.',
      );
    if (inked > grey.width * grey.height * MAX_INK_SHARE)
      throw new PlanNotReadable(
        'not_a_plan',
        'Das Bild sieht nicht wie ein Grundriss aus: es ist zu großflächig dunkel (ein Foto?).',
      );
    const strokeFilter = await chooseStrokeFilter(cv, ink, keep);
    const walls = keep(new cv.Mat());
    open(cv, ink, walls, strokeFilter, strokeFilter);
    const wallPixels = cv.countNonZero(walls);
    // A plan in a style the vectoriser does not understand still gets its rooms and a traced
    // outline below; only when that finds nothing either is the plan refused with this reason.
    let doubt: PlanNotReadable | null = null;
    if (wallPixels < grey.width * grey.height * 0.001)
      doubt = new PlanNotReadable(
        'no_walls',
        'Keine kräftigen Wandlinien gefunden – Räume aus den dünnen Linien nachgezeichnet.',
      );
    await progress(45, 'Wände freigestellt');

    const segments = doubt ? [] : await vectorise(cv, walls, strokeFilter, keep, grey);
    const explained =
      segments.reduce((sum, s) => sum + (s.end - s.start) * s.thickness, 0) / Math.max(1, wallPixels);
    if (!doubt && (segments.length < 3 || explained < 0.5))
      doubt = new PlanNotReadable(
        'not_a_plan',
        'Nur ein Teil der Wände ist gerade und gleich stark gezeichnet – der Rest ist aus den Raumumrissen nachgezeichnet.',
      );
    await progress(60, 'Wände vektorisiert');

    const tolerance = Math.max(3, strokeFilter);
    joinEnds(segments, tolerance);
    // Exterior walls are about 0.3 m: good enough to tell a door gap (0.6–3 m) from two walls.
    // Without walls, a drawing is taken to be about 12 m long: a rough start the broker corrects.
    const roughPxPerMetre =
      segments.length > 0
        ? Math.max(...segments.map((s) => s.thickness)) / 0.3
        : inkExtent(ink) / ASSUMED_BUILDING_LENGTH;
    const { merged: bridged, gaps } = bridgeGaps(segments, tolerance, roughPxPerMetre * 3.2);
    // Joined walls meet walls whose pieces were too short to be seen before.
    joinEnds(bridged, tolerance);
    // A door beside a corner leaves a wall ending in the open, short of the crossing wall.
    gaps.push(...closeGapsAtEnds(bridged, tolerance, roughPxPerMetre * 1.6));
    // Windows drawn as thin double lines where the wall stops close the outline as window walls.
    // Where walls are drawn as two outlines, two thin lines are a wall, found by the filling.
    const runs = wallStyle === 'outline' ? [] : windowRuns(cv, keep, grey, walls, bridged, tolerance);
    for (const { wall, panes } of runs) {
      bridged.push(wall);
      for (const pane of panes) gaps.push({ wall: bridged.length - 1, ...pane });
    }
    joinEnds(bridged, tolerance);
    const found = gaps.flatMap((g) => {
      const wall = bridged[g.wall] as PixelWall;
      return openingsInGap(walls, grey.width, wall, g, tolerance * 2).map((exact) => ({
        ...exact,
        wall: g.wall,
        kind: classifyGap(grey, wall, exact),
      }));
    });
    const wallMask = { data: walls.data as Uint8Array, width: grey.width, height: grey.height };
    const kinds = windowsWithoutDoorSymbols(grey, wallMask, bridged, found);
    const drawn = { data: drawnInk.data, width: grey.width, height: grey.height };
    const { walls: merged, openings } = dropDoorLeaves(
      bridged,
      wallStyle === 'outline'
        ? windowsInOutlineWalls(drawn, bridged, kinds)
        : wallStyle === 'solid'
          ? windowsInHollowWalls(drawn, bridged, kinds)
          : kinds,
      strokeFilter,
    );
    fitWallsToMask(merged, wallMask);
    await progress(75, 'Türen und Fenster erkannt');
    const doorGaps = openings.filter((o) => o.kind === 'tuer').map((o) => o.end - o.start);
    const doorWidth =
      doorGaps.length >= 3
        ? (doorGaps.sort((p, q) => p - q)[Math.floor(doorGaps.length / 2)] as number)
        : roughPxPerMetre * 0.9;
    const rooms = findRooms(cv, keep, ink, walls, merged, doorWidth);
    if (doubt && rooms.length === 0) throw doubt;
    // Thinner than the thinnest wall found is a door leaf or a dimension line drawn bold.
    // Thinner than the stroke filter is a door leaf left by the row sweep's tolerance.
    const rectangles = residualRectangles(
      wallMask,
      merged,
      Math.max(
        2,
        strokeFilter,
        Math.min(strokeFilter + 1, 0.6 * Math.min(...merged.map((w) => w.thickness))),
      ),
      strokeFilter * strokeFilter * 2,
    );
    // Only a plan the vectoriser fell short on gets walls of other directions: on one it
    // understood, the leftovers are mostly furniture and symbols drawn bold.
    const residual = doubt ? residualWalls(cv, keep, walls, merged, doorWidth * 0.4, rectangles) : [];
    // Solid blocks (shafts, chimneys) and diagonal walls leave the straight walls explaining
    // little of the ink; once the rectangles and the pieces of other directions explain it, the
    // plan is read. Tracing along the rooms there only put walls beside the drawn ones (R3D
    // train: wall IoU 75,0 → 76,0 %).
    const explainedAll = explained + (wallArea(rectangles) + wallArea(residual)) / Math.max(1, wallPixels);
    if (doubt?.code === 'not_a_plan' && explainedAll >= EXPLAINED_TO_BE_READ) doubt = null;
    const traced = doubt
      ? [
          ...rectangles,
          ...residual,
          ...wallsAlongRooms(
            rooms,
            merged,
            [...rectangles, ...residual],
            Math.max(strokeFilter, roughPxPerMetre * 0.12),
          ),
        ]
      : [...rectangles, ...residual];
    return {
      width: grey.width,
      height: grey.height,
      walls: merged,
      openings,
      strokeFilter,
      explained,
      rooms,
      traced,
      unsure: doubt?.message ?? null,
      roughPxPerMetre,
      wallStyle,
    };
  });
}

function open(cv: OpenCv, src: Mat, dst: Mat, w: number, h: number) {
  const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(w, h));
  try {
    cv.morphologyEx(src, dst, cv.MORPH_OPEN, kernel);
  } finally {
    kernel.delete();
  }
}

/**
 * The side of the square opening that removes text, furniture and symbol lines but keeps the
 * walls. Walls are long straight runs, the rest is short; so among the (odd: an even square
 * shifts the result by a pixel) sizes that keep at least 90 % of the long-run pixels the
 * 3-pixel opening keeps, the smallest whose long-run share of what is left comes within three
 * points of the best is taken. Measured on real plans (npm run bench:real-plans) this replaced
 * a rule that waited for the ink area to level off and on thin-walled plans opened the walls
 * away with what lay between them.
 */
async function chooseStrokeFilter(cv: OpenCv, ink: Mat, keep: Keep): Promise<number> {
  const opened = keep(new cv.Mat());
  const lines = keep(new cv.Mat());
  const long = Math.round(Math.max(30, 0.05 * Math.max(ink.cols, ink.rows)));
  const measured: { k: number; long: number; share: number }[] = [];
  for (let k = 3; k <= 21; k += 2) {
    open(cv, ink, opened, k, k);
    const total = cv.countNonZero(opened);
    open(cv, opened, lines, long, 1);
    let inRuns = cv.countNonZero(lines);
    open(cv, opened, lines, 1, long);
    inRuns += cv.countNonZero(lines);
    await breathe();
    const first = measured[0]?.long ?? inRuns;
    if (total === 0 || inRuns < first * 0.9) break;
    measured.push({ k, long: inRuns, share: inRuns / total });
  }
  const best = Math.max(...measured.map((m) => m.share));
  return measured.find((m) => m.share >= best - 0.03)?.k ?? 3;
}

interface Run extends PixelWall {
  fill: number;
}

/** Long horizontal and vertical runs of wall pixels, each connected run one centre line. */
async function vectorise(
  cv: OpenCv,
  walls: Mat,
  strokeFilter: number,
  keep: Keep,
  size: { width: number; height: number },
): Promise<PixelWall[]> {
  // Wider than the thickest wall, so a vertical wall has no horizontal run this long.
  const thicknesses = await estimateThickness(cv, walls, keep);
  const length = Math.max(12, Math.round(thicknesses * 1.6));
  const found: Run[] = [];
  for (const orientation of ['h', 'v'] as const) {
    const runs = keep(new cv.Mat());
    if (orientation === 'h') open(cv, walls, runs, length, 1);
    else open(cv, walls, runs, 1, length);
    await breathe();
    const { regions } = regionsOf(cv, keep, runs, 8);
    await breathe();
    for (const { x, y, width: w, height: h, area, centroid } of regions) {
      const along = orientation === 'h' ? w : h;
      const across = orientation === 'h' ? h : w;
      const thickness = area / along;
      if (along < length || thickness > Math.min(size.width, size.height) * MAX_THICKNESS_SHARE) continue;
      found.push({
        orientation,
        // The centroid, not the box: a stray pixel on one face must not shift the line.
        centre: (orientation === 'h' ? centroid.y : centroid.x) + 0.5,
        start: orientation === 'h' ? x : y,
        end: orientation === 'h' ? x + w : y + h,
        thickness,
        fill: area / (along * across),
      });
    }
  }
  // A run that is mostly empty inside its box is a blob or a bent shape, not a wall. Runs just
  // as thick as the stroke filter are kept: dropping them as bold lines (door leaves) lost the
  // thin interior walls of real plans (R3D train: wall IoU 76,0 → 78,9 %, openings 33 → 45 %).
  return found
    .filter((r) => r.fill > 0.6 && r.thickness >= strokeFilter)
    .map(({ fill: _fill, ...wall }) => wall);
}

/** The thickest wall's thickness in pixels. */
async function estimateThickness(cv: OpenCv, walls: Mat, keep: Keep): Promise<number> {
  // Twice the distance from a wall pixel to the nearest background, high in its distribution
  // (the 99th percentile), is the thickness of the thickest walls; one pass over the image.
  const distance = keep(new cv.Mat());
  cv.distanceTransform(walls, distance, cv.DIST_L2, 3);
  await breathe();
  const histogram = new Uint32Array(256);
  let inside = 0;
  const values = distance.data32F;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] as number;
    if (d <= 0) continue;
    histogram[Math.min(255, Math.round(d))] = (histogram[Math.min(255, Math.round(d))] ?? 0) + 1;
    inside++;
  }
  let seen = 0;
  for (let d = 0; d < 256; d++) {
    seen += histogram[d] ?? 0;
    if (seen >= inside * 0.99) return Math.max(4, 2 * d);
  }
  return 4;
}

/** Moves wall ends onto the centre line of a perpendicular wall they run into. */
function joinEnds(walls: PixelWall[], tolerance: number) {
  for (const wall of walls)
    for (const side of ['start', 'end'] as const) {
      let best: { wall: PixelWall; distance: number } | null = null;
      for (const other of walls) {
        if (other.orientation === wall.orientation) continue;
        const inRange =
          wall.centre >= other.start - tolerance - other.thickness &&
          wall.centre <= other.end + tolerance + other.thickness;
        const distance = Math.abs(wall[side] - other.centre);
        if (
          inRange &&
          distance <= other.thickness / 2 + wall.thickness / 2 + tolerance &&
          (!best || distance < best.distance)
        )
          best = { wall: other, distance };
      }
      if (!best) continue;
      wall[side] = best.wall.centre;
      // The other wall must reach this one's centre line too (an outer corner).
      best.wall.start = Math.min(best.wall.start, wall.centre);
      best.wall.end = Math.max(best.wall.end, wall.centre);
    }
  for (const wall of walls) {
    wall.start = Math.round(wall.start * 10) / 10;
    wall.end = Math.round(wall.end * 10) / 10;
  }
}

/**
 * Extends walls whose end stops short of a crossing wall by a door's width (a door set into
 * the corner of a room) up to that wall, and returns the gaps so made as openings.
 */
function closeGapsAtEnds(
  walls: PixelWall[],
  tolerance: number,
  maxGap: number,
): Omit<PixelOpening, 'kind'>[] {
  const gaps: Omit<PixelOpening, 'kind'>[] = [];
  const joined = (wall: PixelWall, at: number) =>
    walls.some(
      (other) =>
        other !== wall &&
        (other.orientation === wall.orientation
          ? Math.abs(other.centre - wall.centre) <= tolerance &&
            (Math.abs(other.start - at) <= tolerance || Math.abs(other.end - at) <= tolerance)
          : Math.abs(other.centre - at) <= tolerance &&
            wall.centre >= other.start - tolerance &&
            wall.centre <= other.end + tolerance),
    );
  for (const [index, wall] of walls.entries())
    for (const side of ['start', 'end'] as const) {
      const at = wall[side];
      if (joined(wall, at)) continue;
      const direction = side === 'end' ? 1 : -1;
      let best: { wall: PixelWall; distance: number } | null = null;
      for (const other of walls) {
        if (other.orientation === wall.orientation) continue;
        if (wall.centre < other.start - tolerance || wall.centre > other.end + tolerance) continue;
        const distance = (other.centre - at) * direction;
        if (
          distance > tolerance &&
          distance <= maxGap + other.thickness / 2 &&
          (!best || distance < best.distance)
        )
          best = { wall: other, distance };
      }
      if (!best) continue;
      const face = best.wall.centre - (direction * best.wall.thickness) / 2;
      gaps.push(
        direction > 0 ? { wall: index, start: at, end: face } : { wall: index, start: face, end: at },
      );
      wall[side] = best.wall.centre;
    }
  return gaps;
}

/**
 * Joins pieces of one wall line: overlaps and small gaps disappear, gaps up to `maxOpening`
 * become openings of the joined wall, longer ones leave two walls.
 */
function bridgeGaps(
  walls: PixelWall[],
  tolerance: number,
  maxOpening: number,
): { merged: PixelWall[]; gaps: Omit<PixelOpening, 'kind'>[] } {
  const sorted = [...walls].sort((p, q) =>
    p.orientation === q.orientation
      ? p.centre - q.centre || p.start - q.start
      : p.orientation < q.orientation
        ? -1
        : 1,
  );
  const lines: PixelWall[][] = [];
  for (const wall of sorted) {
    const line = lines.find((l) => {
      const first = l[0] as PixelWall;
      return (
        first.orientation === wall.orientation &&
        Math.abs(first.centre - wall.centre) <= Math.max(first.thickness, wall.thickness) / 2 &&
        Math.abs(first.thickness - wall.thickness) <=
          Math.max(3, 0.5 * Math.max(first.thickness, wall.thickness))
      );
    });
    if (line) line.push(wall);
    else lines.push([wall]);
  }
  const merged: PixelWall[] = [];
  const gaps: Omit<PixelOpening, 'kind'>[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.start - q.start);
    let current: PixelWall & { weight: number; holes: [number, number][] } = {
      ...(line[0] as PixelWall),
      weight: 0,
      holes: [],
    };
    const absorb = (w: PixelWall) => {
      const length = w.end - w.start;
      const total = current.weight + length;
      current.centre = (current.centre * current.weight + w.centre * length) / Math.max(total, 1);
      current.thickness = (current.thickness * current.weight + w.thickness * length) / Math.max(total, 1);
      current.weight = total;
      current.end = Math.max(current.end, w.end);
    };
    const flush = () => {
      const { weight: _weight, holes, ...wall } = current;
      merged.push({ ...wall, centre: Math.round(wall.centre * 10) / 10 });
      for (const [start, end] of holes) gaps.push({ wall: merged.length - 1, start, end });
    };
    absorb(line[0] as PixelWall);
    for (const wall of line.slice(1)) {
      const gap = wall.start - current.end;
      if (gap > maxOpening) {
        flush();
        current = { ...wall, weight: 0, holes: [] };
        absorb(wall);
        continue;
      }
      if (gap > tolerance) current.holes.push([current.end, wall.start]);
      absorb(wall);
    }
    flush();
  }
  return { merged, gaps };
}

/**
 * The openings inside a bridged gap: short wall pieces beside a door (or between two doors)
 * are lost with the long-run filter, so the wall pixels along the centre line decide where
 * each opening starts and stops.
 */
function openingsInGap(
  walls: Mat,
  width: number,
  wall: PixelWall,
  gap: { start: number; end: number },
  minLength: number,
): { start: number; end: number }[] {
  const across = Math.round(wall.centre);
  const isWall = (along: number) => {
    const [x, y] = wall.orientation === 'h' ? [along, across] : [across, along];
    return (walls.data[y * width + x] ?? 0) > 0;
  };
  const found: { start: number; end: number }[] = [];
  let runStart: number | null = null;
  for (let along = Math.floor(gap.start); along <= Math.ceil(gap.end); along++) {
    const open = !isWall(along) && along < Math.ceil(gap.end);
    if (open && runStart === null) runStart = along;
    if (!open && runStart !== null) {
      if (along - runStart >= minLength) found.push({ start: runStart, end: along });
      runStart = null;
    }
  }
  return found;
}
