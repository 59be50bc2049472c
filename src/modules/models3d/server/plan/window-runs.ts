import type { Mat } from '@techstark/opencv-js';
import { type Bitmap, inkAt, onWall } from './bitmap.js';
import type { PixelWall } from './detect-walls.js';
import type { GreyImage, Keep, OpenCv } from './opencv.js';
import { facesOutside, WINDOW_LINE_GREY } from './opening-kind.js';

/** A window run is at least this many of the thickest wall's thickness long (about 0,5 m). */
const MIN_LENGTH_PER_THICKNESS = 1.5;
/** Two frame lines lie at most this many of the thickest wall's thickness apart. */
const MAX_SPACING_PER_THICKNESS = 1.2;
/** Share of the samples along a run that must show two or more lines across it. */
const MIN_DOUBLE_SHARE = 0.6;

/** A wall closing the outline across windows, and the windows in it (one per glazed panel). */
export interface WindowRun {
  wall: PixelWall;
  panes: { start: number; end: number }[];
}

/**
 * Windows drawn as thin double (or triple) lines where the wall stops: a glazed façade, a
 * window wider than a door gap, a window between two corners. The vectoriser only sees thick
 * ink, so the outline had a hole there: no wall, no opening, and the room leaked outside.
 *
 * Thin ink (the drawn lines, grey ones too, minus the walls) is opened with a long line in
 * each direction; lines lying within a wall's thickness of each other are closed into one
 * band; a band of two or more lines across that runs from a wall to a wall (and lies in line
 * with a wall, or on the building's outside) becomes a window wall, each double-line piece of
 * it a window.
 */
export function windowRuns(
  cv: OpenCv,
  keep: Keep,
  grey: GreyImage,
  wallMask: Mat,
  walls: PixelWall[],
  tolerance: number,
): WindowRun[] {
  if (walls.length === 0) return [];
  const thickest = Math.max(...walls.map((w) => w.thickness));
  const minLength = Math.max(12, Math.round(thickest * MIN_LENGTH_PER_THICKNESS));
  const maxSpacing = Math.max(3, Math.round(thickest * MAX_SPACING_PER_THICKNESS));

  // Window lines are often drawn in grey, lighter than the ink threshold.
  const lightInk = keep(new cv.Mat(grey.height, grey.width, cv.CV_8UC1));
  const light = lightInk.data;
  for (let i = 0; i < grey.data.length; i++) light[i] = (grey.data[i] as number) < WINDOW_LINE_GREY ? 255 : 0;
  const grownWalls = keep(new cv.Mat());
  cv.dilate(wallMask, grownWalls, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3))));
  const thin = keep(new cv.Mat());
  cv.subtract(lightInk, grownWalls, thin);
  const mask: Bitmap = { data: wallMask.data, width: wallMask.cols, height: wallMask.rows };

  const found: WindowRun[] = [];
  for (const orientation of ['h', 'v'] as const) {
    const lines = keep(new cv.Mat());
    const along = (n: number) => (orientation === 'h' ? new cv.Size(n, 1) : new cv.Size(1, n));
    const across = (n: number) => (orientation === 'h' ? new cv.Size(1, n) : new cv.Size(n, 1));
    cv.morphologyEx(
      thin,
      lines,
      cv.MORPH_OPEN,
      keep(cv.getStructuringElement(cv.MORPH_RECT, along(minLength))),
    );
    const bands = keep(new cv.Mat());
    cv.morphologyEx(
      lines,
      bands,
      cv.MORPH_CLOSE,
      // Odd, so the closing does not shift the band by a pixel.
      keep(cv.getStructuringElement(cv.MORPH_RECT, across(maxSpacing + 1 + (maxSpacing % 2)))),
    );
    const lineMap: Bitmap = { data: lines.data, width: lines.cols, height: lines.rows };
    const contours = keep(new cv.MatVector());
    const hierarchy = keep(new cv.Mat());
    cv.findContours(bands, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
    const runs: (PixelWall & { double: boolean })[] = [];
    for (let i = 0; i < contours.size(); i++) {
      const contour = contours.get(i);
      const box = cv.boundingRect(contour);
      contour.delete();
      const [start, end, low, high] =
        orientation === 'h'
          ? [box.x, box.x + box.width, box.y, box.y + box.height - 1]
          : [box.y, box.y + box.height, box.x, box.x + box.width - 1];
      if (end - start < minLength || high - low > maxSpacing + 2) continue;
      const run = { orientation, centre: (low + high) / 2 + 0.5, start, end, thickness: high - low + 1 };
      runs.push({ ...run, double: high - low >= 2 && isDoubleLine(lineMap, run) });
    }
    for (const chain of chains(runs, thickest * 2)) {
      const doubled = chain.runs.filter((r) => r.double).reduce((sum, r) => sum + r.end - r.start, 0);
      if (doubled < (chain.wall.end - chain.wall.start) * 0.5) continue;
      const run = chain.wall;
      if (walls.some((w) => covers(w, run)) || found.some((f) => covers(f.wall, run))) continue;
      const reach = Math.max(tolerance + 3, thickest * 2);
      if (!touchesWall(mask, run, -1, reach) || !touchesWall(mask, run, 1, reach)) continue;
      if (!inLineWithWall(walls, run, reach) && !facesOutside(mask, run, run)) continue;
      found.push({
        wall: { ...run, thickness: Math.max(run.thickness, thicknessNear(walls, run, reach)) },
        panes: chain.runs.filter((r) => r.double).map((r) => ({ start: r.start, end: r.end })),
      });
    }
  }
  return found;
}

/**
 * Runs on one line with short breaks between them (a mullion, a frame's corner, a sliding
 * door drawn with one line) joined into one chain, with the runs it is made of.
 */
function chains<T extends PixelWall>(runs: T[], maxBreak: number): { wall: PixelWall; runs: T[] }[] {
  const sorted = [...runs].sort((p, q) => p.centre - q.centre || p.start - q.start);
  const found: { wall: PixelWall; runs: T[] }[] = [];
  for (const run of sorted) {
    const chain = found.find(
      (c) =>
        Math.abs(c.wall.centre - run.centre) <= 2 &&
        run.start - c.wall.end <= maxBreak &&
        run.end > c.wall.start,
    );
    if (!chain) {
      const { orientation, centre, start, end, thickness } = run;
      found.push({ wall: { orientation, centre, start, end, thickness }, runs: [run] });
      continue;
    }
    const low = Math.min(chain.wall.centre - chain.wall.thickness / 2, run.centre - run.thickness / 2);
    const high = Math.max(chain.wall.centre + chain.wall.thickness / 2, run.centre + run.thickness / 2);
    chain.wall = {
      ...chain.wall,
      centre: (low + high) / 2,
      thickness: high - low,
      end: Math.max(chain.wall.end, run.end),
    };
    chain.runs.push(run);
  }
  return found.map((c) => ({ ...c, wall: { ...c.wall, start: Math.min(...c.runs.map((r) => r.start)) } }));
}

/** Whether two or more separate lines cross most of the samples taken along a band. */
function isDoubleLine(lines: Bitmap, run: PixelWall): boolean {
  const low = Math.floor(run.centre - run.thickness / 2);
  const high = Math.ceil(run.centre + run.thickness / 2);
  const samples = 12;
  let double = 0;
  for (let i = 0; i < samples; i++) {
    const along = Math.round(run.start + 2 + ((run.end - run.start - 4) * i) / (samples - 1));
    let count = 0;
    let inLine = false;
    for (let across = low; across <= high; across++) {
      const on = inkAt(lines, ...onWall(run, along, across));
      if (on && !inLine) count++;
      inLine = on;
    }
    if (count >= 2) double++;
  }
  return double >= samples * MIN_DOUBLE_SHARE;
}

/** Whether a wall already lies over most of a run (a window inside a bridged gap). */
function covers(wall: PixelWall, run: PixelWall): boolean {
  if (wall.orientation !== run.orientation) return false;
  if (Math.abs(wall.centre - run.centre) > wall.thickness / 2 + run.thickness / 2) return false;
  const overlap = Math.min(wall.end, run.end) - Math.max(wall.start, run.start);
  return overlap > (run.end - run.start) * 0.5;
}

/** Whether wall pixels lie just beyond one end of a run, within its band. */
function touchesWall(mask: Bitmap, run: PixelWall, side: -1 | 1, reach: number) {
  const low = Math.floor(run.centre - run.thickness / 2);
  const high = Math.ceil(run.centre + run.thickness / 2);
  const from = side < 0 ? run.start - 1 : run.end;
  for (let step = 0; step <= reach; step++)
    for (let across = low; across <= high; across++)
      if (inkAt(mask, ...onWall(run, from + side * step, across))) return true;
  return false;
}

/** Whether a wall of the same direction, on the same line, ends at one of the run's ends. */
function inLineWithWall(walls: PixelWall[], run: PixelWall, reach: number): boolean {
  return walls.some(
    (w) =>
      w.orientation === run.orientation &&
      Math.abs(w.centre - run.centre) <= Math.max(w.thickness, run.thickness) / 2 + 1 &&
      (Math.abs(w.end - run.start) <= reach + w.thickness / 2 ||
        Math.abs(w.start - run.end) <= reach + w.thickness / 2),
  );
}

/** The thickness of the walls a run meets, so the window sits in a wall as thick as theirs. */
function thicknessNear(walls: PixelWall[], run: PixelWall, reach: number): number {
  const near = walls.filter((w) =>
    w.orientation === run.orientation
      ? Math.abs(w.centre - run.centre) <= w.thickness / 2 + 1 &&
        (Math.abs(w.end - run.start) <= reach + w.thickness ||
          Math.abs(w.start - run.end) <= reach + w.thickness)
      : run.centre >= w.start - reach &&
        run.centre <= w.end + reach &&
        Math.min(Math.abs(w.centre - run.start), Math.abs(w.centre - run.end)) <= w.thickness / 2 + reach,
  );
  return near.length > 0 ? Math.min(...near.map((w) => w.thickness)) : 0;
}
