import type { Mat } from '@techstark/opencv-js';
import type { Point } from '../../domain/building-model.js';
import type { PixelWall } from './detect-walls.js';
import { copyOf, type Keep, type OpenCv, regionsOf } from './opencv.js';

/** A room found in the image: its outline along the wall faces, working pixels. */
export type PixelRoom = Point[];

/** Rooms smaller than this share of the sheet are door swings, shafts or symbols. */
const MIN_ROOM_SHARE = 0.0025;
/**
 * A room is bounded mostly by walls; the inside of a table, a bath or a door's swing is
 * bounded by thin furniture lines (a door's swing touches its wall along one radius only).
 */
const MIN_WALL_SHARE = 0.45;
/** A region this much thinner than its box is a band between two lines, not a room. */
const MIN_FILL = 0.25;

/**
 * The rooms of a plan as the white regions between its ink: every drawn line separates, not
 * only the walls the vectoriser understood — thin walls, diagonal and curved walls, window
 * panes closing the outline, door leaves closing a doorway. Walls vectorised with their
 * bridged openings are drawn in as well, so doorways without a drawn leaf separate too.
 * A region is a room when it does not reach the sheet's edge, is large enough, is not a thin
 * band, and lies inside the building (the hull of the wall pixels).
 */
export function findRooms(
  cv: OpenCv,
  keep: Keep,
  ink: Mat,
  wallMask: Mat,
  walls: PixelWall[],
  doorWidth: number,
): PixelRoom[] {
  const width = ink.cols;
  const height = ink.rows;
  const barrier = keep(new cv.Mat());
  // Anti-aliased hairlines of a JPEG break up under the threshold; a 3×3 dilation rejoins them.
  const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3)));
  const { lines, structure } = structuralInk(cv, keep, ink, wallMask, doorWidth);
  cv.dilate(lines, barrier, kernel);
  const white = new cv.Scalar(255);
  for (const wall of walls) {
    const half = Math.max(1, wall.thickness / 2);
    const [p, q] =
      wall.orientation === 'h'
        ? [new cv.Point(wall.start, wall.centre - half), new cv.Point(wall.end, wall.centre + half)]
        : [new cv.Point(wall.centre - half, wall.start), new cv.Point(wall.centre + half, wall.end)];
    cv.rectangle(barrier, p, q, white, -1);
    cv.rectangle(structure, p, q, white, -1);
  }
  const near = keep(new cv.Mat());
  cv.dilate(structure, near, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5))));
  const free = keep(new cv.Mat());
  cv.bitwise_not(barrier, free);
  const labels = splitAtDoorways(cv, keep, free, doorWidth);
  const hull = wallHull(cv, keep, wallMask);
  const minArea = width * height * MIN_ROOM_SHARE;
  const rooms: PixelRoom[] = [];
  const region = keep(new cv.Mat());
  const label = keep(new cv.Mat(height, width, cv.CV_32S));
  const labelImage = keep(new cv.Mat(height, width, cv.CV_32S));
  labelImage.data32S.set(labels.image);
  for (const part of labels.parts) {
    if (part.outside) continue;
    const { x, y, w, h, area } = part;
    if (x === 0 || y === 0 || x + w >= width || y + h >= height) continue;
    if (area < minArea || area < w * h * MIN_FILL) continue;
    const centre = new cv.Point(part.cx, part.cy);
    if (hull && cv.pointPolygonTest(hull, centre, false) < 0) continue;
    label.setTo(new cv.Scalar(part.label));
    cv.inRange(labelImage, label, label, region);
    if (wallShare(cv, keep, region, near, kernel) < MIN_WALL_SHARE) continue;
    const outline = outlineOf(cv, keep, region);
    if (outline.length >= 3) rooms.push(outline);
  }
  return rooms;
}

/**
 * The ink that can bound a room: lines touching a wall (thin partition walls, window panes,
 * door leaves, counters) and long lines of their own (a plan drawn with thin walls). Letters,
 * dimension figures and free-standing furniture touch no wall and are left out; they would
 * make necks inside a room and split it. `structure` is the walls and long lines only: what
 * a room's outline should mostly run along.
 */
function structuralInk(
  cv: OpenCv,
  keep: Keep,
  ink: Mat,
  wallMask: Mat,
  doorWidth: number,
): { lines: Mat; structure: Mat } {
  const { regions, labels: label } = regionsOf(cv, keep, ink, 8);
  const count = regions.length + 1;
  const long = new Uint8Array(count);
  const touching = new Uint8Array(count);
  for (const r of regions) long[r.label] = Math.max(r.width, r.height) >= doorWidth * 3 ? 1 : 0;
  const wall = wallMask.data;
  for (let i = 0; i < label.length; i++) if ((wall[i] as number) > 0) touching[label[i] as number] = 1;
  const lines = copyOf(cv, keep, ink);
  const structure = copyOf(cv, keep, wallMask);
  for (let i = 0; i < label.length; i++) {
    const l = label[i] as number;
    if (l === 0) continue;
    if (long[l] === 1) structure.data[i] = 255;
    else if (touching[l] !== 1) lines.data[i] = 0;
  }
  return { lines, structure };
}

/** Share of a region's rim (the ring just outside it) that lies on walls or long lines. */
function wallShare(cv: OpenCv, keep: Keep, region: Mat, near: Mat, kernel: Mat): number {
  const grown = keep(new cv.Mat());
  cv.dilate(region, grown, kernel, new cv.Point(-1, -1), 2);
  let rim = 0;
  let onWall = 0;
  const g = grown.data;
  const r = region.data;
  const n = near.data;
  for (let i = 0; i < g.length; i++) {
    if ((g[i] as number) === 0 || (r[i] as number) > 0) continue;
    rim++;
    if ((n[i] as number) > 0) onWall++;
  }
  return onWall / Math.max(1, rim);
}

interface Part {
  label: number;
  x: number;
  y: number;
  w: number;
  h: number;
  area: number;
  cx: number;
  cy: number;
  /** Grown from a core that reaches the sheet's edge: the outside of the building. */
  outside: boolean;
}

/**
 * Splits the free space at its necks: the cores are what lies farther from any ink than half
 * a doorway, so a doorway (or a gap in the outline) separates the cores on its two sides; the
 * cores are then grown back over the free space, each pixel to the core nearest along it.
 */
function splitAtDoorways(
  cv: OpenCv,
  keep: Keep,
  free: Mat,
  doorWidth: number,
): { image: Int32Array; parts: Part[] } {
  const width = free.cols;
  const height = free.rows;
  const distance = keep(new cv.Mat());
  cv.distanceTransform(free, distance, cv.DIST_L2, 3);
  const cores = keep(new cv.Mat());
  cv.threshold(distance, cores, doorWidth * 0.45, 255, cv.THRESH_BINARY);
  const cores8 = keep(new cv.Mat());
  cores.convertTo(cores8, cv.CV_8U);
  const coreLabels = keep(new cv.Mat());
  const count = cv.connectedComponents(cores8, coreLabels, 8, cv.CV_32S);
  const image = new Int32Array(coreLabels.data32S);
  const open = free.data;
  // Multi-source breadth-first growth over the free pixels: a geodesic Voronoi of the cores.
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < image.length; i++) if ((image[i] as number) > 0) queue[tail++] = i;
  while (head < tail) {
    const i = queue[head++] as number;
    const l = image[i] as number;
    const x = i % width;
    for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
      if (j < 0 || j >= image.length || image[j] !== 0 || (open[j] as number) === 0) continue;
      image[j] = l;
      queue[tail++] = j;
    }
  }
  const parts: Part[] = Array.from({ length: count }, (_, label) => ({
    label,
    x: width,
    y: height,
    w: 0,
    h: 0,
    area: 0,
    cx: 0,
    cy: 0,
    outside: false,
  }));
  const right = new Int32Array(count);
  const bottom = new Int32Array(count);
  for (let i = 0; i < image.length; i++) {
    const part = parts[image[i] as number] as Part;
    if (part.label === 0) continue;
    const x = i % width;
    const y = (i - x) / width;
    part.area++;
    part.cx += x;
    part.cy += y;
    part.x = Math.min(part.x, x);
    part.y = Math.min(part.y, y);
    right[part.label] = Math.max(right[part.label] as number, x);
    bottom[part.label] = Math.max(bottom[part.label] as number, y);
    if (x === 0 || y === 0 || x === width - 1 || y === height - 1) part.outside = true;
  }
  for (const part of parts) {
    part.w = (right[part.label] as number) - part.x + 1;
    part.h = (bottom[part.label] as number) - part.y + 1;
    part.cx /= Math.max(1, part.area);
    part.cy /= Math.max(1, part.area);
  }
  return { image, parts: parts.slice(1).filter((p) => p.area > 0) };
}

/** The convex hull of all wall pixels: what lies outside it is not in the building. */
function wallHull(cv: OpenCv, keep: Keep, wallMask: Mat): Mat | null {
  const contours = keep(new cv.MatVector());
  const hierarchy = keep(new cv.Mat());
  cv.findContours(wallMask, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
  const points: number[] = [];
  for (let i = 0; i < contours.size(); i++) {
    const contour = contours.get(i);
    points.push(...contour.data32S);
    contour.delete();
  }
  if (points.length < 6) return null;
  const all = keep(cv.matFromArray(points.length / 2, 1, cv.CV_32SC2, points));
  const hull = keep(new cv.Mat());
  cv.convexHull(all, hull, false, true);
  return hull;
}

/** The outer outline of a region, simplified to its corners (holes such as text ignored). */
function outlineOf(cv: OpenCv, keep: Keep, region: Mat): Point[] {
  const contours = keep(new cv.MatVector());
  const hierarchy = keep(new cv.Mat());
  cv.findContours(region, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
  let best: Mat | null = null;
  let bestArea = 0;
  for (let i = 0; i < contours.size(); i++) {
    const contour = keep(contours.get(i));
    const area = cv.contourArea(contour);
    if (area > bestArea) {
      best = contour;
      bestArea = area;
    }
  }
  if (!best) return [];
  const simple = keep(new cv.Mat());
  // A tolerance of 1 % of the perimeter keeps corners and drops the steps of a pixel outline.
  cv.approxPolyDP(best, simple, Math.max(2, cv.arcLength(best, true) * 0.01), true);
  const points: Point[] = [];
  for (let i = 0; i < simple.rows; i++)
    points.push({ x: simple.data32S[i * 2] as number, y: simple.data32S[i * 2 + 1] as number });
  return points;
}
