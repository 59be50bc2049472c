import { type GreyImage, inkMask, type Keep, type OpenCv, withOpenCv } from './opencv.js';

/** Turns smaller than this are left alone; larger than the upper bound are not a skew. */
const MIN_SKEW = 0.3;
const MAX_SKEW = 20;

/**
 * How far a scanned or photographed plan is turned, in degrees (positive: clockwise on
 * screen). Long straight strokes (walls, after text is opened away) are found with the
 * probabilistic Hough transform; their angles, folded onto the nearest axis and weighted
 * by length, give the turn. 0 when the plan is straight or no clear lines are found.
 */
export function measureSkew(grey: GreyImage): Promise<number> {
  return withOpenCv(async (cv, keep) => {
    // An angle needs no fine detail: at most 1000 px keeps the Hough transform quick.
    const factor = Math.min(1, 1000 / Math.max(grey.width, grey.height));
    const ink = inkMask(cv, keep, factor < 1 ? shrunk(cv, keep, grey, factor) : grey);
    const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3)));
    const strokes = keep(new cv.Mat());
    cv.morphologyEx(ink, strokes, cv.MORPH_OPEN, kernel);
    const edges = keep(new cv.Mat());
    cv.Canny(strokes, edges, 50, 150);
    const lines = keep(new cv.Mat());
    const shorter = Math.min(grey.width, grey.height) * factor;
    cv.HoughLinesP(edges, lines, 1, Math.PI / 720, 80, shorter * 0.15, 4);
    const angles: { angle: number; length: number }[] = [];
    for (let i = 0; i < lines.rows; i++) {
      const [x1, y1, x2, y2] = [0, 1, 2, 3].map((j) => lines.data32S[i * 4 + j] as number) as [
        number,
        number,
        number,
        number,
      ];
      let angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
      // Fold onto the nearest axis: a vertical wall turned by 2° counts as 2°.
      while (angle > 45) angle -= 90;
      while (angle <= -45) angle += 90;
      angles.push({ angle, length: Math.hypot(x2 - x1, y2 - y1) });
    }
    if (angles.length < 4) return 0;
    angles.sort((p, q) => p.angle - q.angle);
    const half = angles.reduce((sum, a) => sum + a.length, 0) / 2;
    let seen = 0;
    let skew = 0;
    for (const a of angles) {
      seen += a.length;
      if (seen >= half) {
        skew = a.angle;
        break;
      }
    }
    return Math.abs(skew) < MIN_SKEW || Math.abs(skew) > MAX_SKEW ? 0 : Math.round(skew * 100) / 100;
  });
}

function shrunk(cv: OpenCv, keep: Keep, grey: GreyImage, factor: number): GreyImage {
  const image = keep(new cv.Mat(grey.height, grey.width, cv.CV_8UC1));
  image.data.set(grey.data);
  const small = keep(new cv.Mat());
  const width = Math.round(grey.width * factor);
  const height = Math.round(grey.height * factor);
  cv.resize(image, small, new cv.Size(width, height), 0, 0, cv.INTER_AREA);
  return { data: small.data, width, height };
}
