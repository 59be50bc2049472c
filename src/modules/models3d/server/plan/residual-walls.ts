import type { Mat } from '@techstark/opencv-js';
import type { PixelWall } from './detect-walls.js';
import type { Keep, OpenCv } from './opencv.js';
import type { TracedWall } from './trace-rooms.js';

/** A piece this much longer than thick is a wall; a squarer one is a pillar or a blot. */
const MIN_ELONGATION = 2;

/**
 * The wall pixels the horizontal and vertical walls do not explain — diagonal walls, short
 * pieces, the corners of a bay — each as a wall of its own along its minimum-area rectangle,
 * in whatever direction it runs.
 */
export function residualWalls(
  cv: OpenCv,
  keep: Keep,
  wallMask: Mat,
  walls: PixelWall[],
  minLength: number,
  alsoExplained: TracedWall[] = [],
): TracedWall[] {
  const explained = keep(cv.Mat.zeros(wallMask.rows, wallMask.cols, cv.CV_8UC1));
  const white = new cv.Scalar(255);
  for (const wall of walls) {
    // Two pixels more on each side: the faces of a wall are not exactly straight in a raster.
    const half = wall.thickness / 2 + 2;
    const [p, q] =
      wall.orientation === 'h'
        ? [new cv.Point(wall.start - 2, wall.centre - half), new cv.Point(wall.end + 2, wall.centre + half)]
        : [new cv.Point(wall.centre - half, wall.start - 2), new cv.Point(wall.centre + half, wall.end + 2)];
    cv.rectangle(explained, p, q, white, -1);
  }
  for (const wall of alsoExplained) {
    const a = new cv.Point(Math.round(wall.a.x), Math.round(wall.a.y));
    const b = new cv.Point(Math.round(wall.b.x), Math.round(wall.b.y));
    cv.line(explained, a, b, white, Math.max(1, Math.round(wall.thickness + 4)), cv.LINE_8);
  }
  const rest = keep(new cv.Mat());
  cv.subtract(wallMask, explained, rest);
  const contours = keep(new cv.MatVector());
  const hierarchy = keep(new cv.Mat());
  cv.findContours(rest, contours, hierarchy, cv.RETR_EXTERNAL, cv.CHAIN_APPROX_SIMPLE);
  const found: TracedWall[] = [];
  for (let i = 0; i < contours.size(); i++) {
    const contour = keep(contours.get(i));
    const box = cv.minAreaRect(contour);
    const long = Math.max(box.size.width, box.size.height);
    const short = Math.min(box.size.width, box.size.height);
    if (long < minLength || long < short * MIN_ELONGATION || short < 2) continue;
    // The thickness is the piece's area over its length: a ragged edge does not thicken it.
    const thickness = Math.max(2, Math.min(short, cv.contourArea(contour) / long));
    const angle = ((box.angle + (box.size.width >= box.size.height ? 0 : 90)) * Math.PI) / 180;
    const half = { x: (Math.cos(angle) * long) / 2, y: (Math.sin(angle) * long) / 2 };
    found.push({
      a: { x: box.center.x - half.x, y: box.center.y - half.y },
      b: { x: box.center.x + half.x, y: box.center.y + half.y },
      thickness,
    });
  }
  return found;
}
