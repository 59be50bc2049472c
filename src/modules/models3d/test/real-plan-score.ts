import sharp from 'sharp';
import type { Point } from '../domain/building-model.js';
import { inkMask, regionsOf, withOpenCv } from '../server/plan/opencv.js';
import type { PlanReading } from '../server/plan/read-plan.js';
import { rasterise, wallMaskOf } from './synthetic-plan.js';

export interface Overlap {
  iou: number;
  precision: number;
  recall: number;
}

export interface RealPlanScore {
  wall: Overlap;
  openings: { truth: number; found: number; matched: number };
  rooms: { truth: number; found: number; meanIoU: number };
}

export interface Truth {
  width: number;
  height: number;
  wall: Uint8Array;
  opening: Uint8Array;
  room: Uint8Array;
}

export function overlap(found: Uint8Array, truth: Uint8Array): Overlap {
  let both = 0;
  let foundCount = 0;
  let truthCount = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] === 1;
    const f = found[i] === 1;
    if (t) truthCount++;
    if (f) foundCount++;
    if (t && f) both++;
  }
  return {
    iou: both / Math.max(1, foundCount + truthCount - both),
    precision: both / Math.max(1, foundCount),
    recall: both / Math.max(1, truthCount),
  };
}

interface Component {
  x: number;
  y: number;
  w: number;
  h: number;
  area: number;
  label: number;
}

/** Connected regions of a 0/1 mask (4-neighbourhood) of at least `minArea` pixels, with their label image. */
export function components(
  mask: Uint8Array,
  width: number,
  height: number,
  minArea: number,
): Promise<{ parts: Component[]; labels: Int32Array }> {
  return withOpenCv(async (cv, keep) => {
    const image = keep(new cv.Mat(height, width, cv.CV_8UC1));
    image.data.set(mask);
    const { regions, labels } = regionsOf(cv, keep, image, 4);
    const parts: Component[] = regions
      .filter((r) => r.area >= minArea)
      .map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height, area: r.area, label: r.label }));
    return { parts, labels };
  });
}

/**
 * The naive baseline of the issue: Otsu threshold of the evened-out image and an opening with
 * a 5-pixel square (text and thin lines go, thick ink stays), taken as the wall mask as it is.
 */
export async function baselineWalls(underlayPng: Buffer): Promise<Uint8Array> {
  const { data, info } = await sharp(underlayPng).greyscale().raw().toBuffer({ resolveWithObject: true });
  return withOpenCv(async (cv, keep) => {
    const ink = inkMask(cv, keep, { data: new Uint8Array(data), width: info.width, height: info.height });
    const opened = keep(new cv.Mat());
    const kernel = keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5)));
    cv.morphologyEx(ink, opened, cv.MORPH_OPEN, kernel);
    const mask = new Uint8Array(info.width * info.height);
    for (let i = 0; i < mask.length; i++) mask[i] = (opened.data[i] as number) > 0 ? 1 : 0;
    return mask;
  });
}

/**
 * How a reading matches a real plan's ground truth, all in the reader's underlay pixels.
 * An opening counts as found when a detected opening's centre lies within a true opening's box
 * grown by a quarter of the thickest wall (the masks are hand-drawn and not pixel exact); a
 * true room's IoU is that with the found room covering most of it.
 */
export async function scoreRealPlan(reading: PlanReading, truth: Truth): Promise<RealPlanScore> {
  const { width, height } = truth;
  const { pxPerMetre, originPx } = reading.placement;
  const toPx = (p: Point): Point => ({ x: originPx.x + p.x * pxPerMetre, y: originPx.y + p.y * pxPerMetre });
  const floor = reading.model.floors[0];
  const found = floor ? await wallMaskOf(floor, width, height, toPx) : new Uint8Array(width * height);
  const wall = overlap(found, truth.wall);

  const thickest = Math.max(4, ...(floor?.walls.map((w) => w.thickness * pxPerMetre) ?? []));
  const trueOpenings = (await components(truth.opening, width, height, 6)).parts;
  const walls = new Map(floor?.walls.map((w) => [w.id, w]) ?? []);
  const centres = (floor?.openings ?? []).flatMap((o) => {
    const w = walls.get(o.wallId);
    if (!w) return [];
    const length = Math.hypot(w.b.x - w.a.x, w.b.y - w.a.y);
    return [
      toPx({
        x: w.a.x + ((w.b.x - w.a.x) / length) * o.offset,
        y: w.a.y + ((w.b.y - w.a.y) / length) * o.offset,
      }),
    ];
  });
  const grow = thickest / 4 + 2;
  const used = new Set<number>();
  let matched = 0;
  for (const t of trueOpenings) {
    const index = centres.findIndex(
      (c, i) =>
        !used.has(i) &&
        c.x >= t.x - grow &&
        c.x <= t.x + t.w + grow &&
        c.y >= t.y - grow &&
        c.y <= t.y + t.h + grow,
    );
    if (index < 0) continue;
    used.add(index);
    matched++;
  }

  // Rooms smaller than a broom cupboard in the mask are annotation slivers, not rooms.
  const minRoom = Math.max(40, width * height * 0.002);
  const trueRooms = await components(truth.room, width, height, minRoom);
  const foundRooms = await Promise.all(
    (floor?.rooms ?? []).map((room) =>
      rasterise(
        [
          `<polygon points="${room.polygon
            .map((p) => toPx(p))
            .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
            .join(' ')}"/>`,
        ],
        width,
        height,
      ),
    ),
  );
  const ious = trueRooms.parts.map((t) => {
    let best = 0;
    for (const mask of foundRooms) {
      let both = 0;
      let foundArea = 0;
      for (let i = 0; i < mask.length; i++) {
        if (mask[i] !== 1) continue;
        foundArea++;
        if (trueRooms.labels[i] === t.label) both++;
      }
      best = Math.max(best, both / Math.max(1, foundArea + t.area - both));
    }
    return best;
  });
  return {
    wall,
    openings: { truth: trueOpenings.length, found: centres.length, matched },
    rooms: {
      truth: trueRooms.parts.length,
      found: floor?.rooms.length ?? 0,
      meanIoU: ious.reduce((s, v) => s + v, 0) / Math.max(1, ious.length),
    },
  };
}
