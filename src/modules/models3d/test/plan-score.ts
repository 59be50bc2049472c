import type { Floor, Point, Room } from '../domain/building-model.js';
import { interiorPoint, pointInPolygon } from '../domain/rooms-from-walls.js';
import type { PlanReading } from '../server/plan/read-plan.js';
import { type SyntheticPlan, wallMaskOf } from './synthetic-plan.js';

export interface PlanScore {
  /** Intersection over union of drawn and detected wall pixels (openings left out of both). */
  wallIoU: number;
  openingRecall: number;
  openingPrecision: number;
  /** Share of found openings whose kind (door or window) is right. */
  kindAccuracy: number;
  rooms: { truth: number; found: number };
  /** Share of the drawn indoor rooms whose found room got the right use from its label. */
  roomTypesRead: number;
  /** Detected scale against the drawn one, relative. */
  scaleError: number;
}

/**
 * How well a reading matches the plan it was read from, in the plan image's pixels. An opening
 * counts as found when a detected one's centre lies within 0,3 m of the drawn one's.
 */
export async function scorePlan(
  truth: SyntheticPlan,
  reading: PlanReading,
  drawn: Floor,
): Promise<PlanScore> {
  const indoor = drawn.rooms.filter((r) => r.type !== 'balkon' && r.type !== 'terrasse');
  const factor = reading.underlay.width / truth.width;
  const { pxPerMetre, originPx } = reading.placement;
  const toPx = (p: Point): Point => ({
    x: (originPx.x + p.x * pxPerMetre) / factor,
    y: (originPx.y + p.y * pxPerMetre) / factor,
  });
  const floor = reading.model.floors[0];
  if (!floor) throw new Error('reading without a floor');
  const mask = await wallMaskOf(floor, truth.width, truth.height, toPx);
  let both = 0;
  let either = 0;
  for (let i = 0; i < mask.length; i++) {
    const t = truth.wallMask[i] === 1;
    const d = mask[i] === 1;
    if (t && d) both++;
    if (t || d) either++;
  }

  const walls = new Map(floor.walls.map((w) => [w.id, w]));
  const found = floor.openings.map((o) => {
    const w = walls.get(o.wallId);
    if (!w) throw new Error('opening without wall');
    const length = Math.hypot(w.b.x - w.a.x, w.b.y - w.a.y);
    const centre = toPx({
      x: w.a.x + ((w.b.x - w.a.x) / length) * o.offset,
      y: w.a.y + ((w.b.y - w.a.y) / length) * o.offset,
    });
    return { centre, window: o.kind === 'fenster' };
  });
  const radius = 0.3 * truth.pxPerMetre;
  const used = new Set<number>();
  let matched = 0;
  let rightKind = 0;
  for (const drawn of truth.openings) {
    const index = found.findIndex(
      (f, i) =>
        !used.has(i) && Math.hypot(f.centre.x - drawn.centre.x, f.centre.y - drawn.centre.y) <= radius,
    );
    if (index < 0) continue;
    used.add(index);
    matched++;
    if (found[index]?.window === (drawn.kind === 'fenster')) rightKind++;
  }
  return {
    wallIoU: both / Math.max(1, either),
    openingRecall: matched / Math.max(1, truth.openings.length),
    openingPrecision: matched / Math.max(1, found.length),
    kindAccuracy: rightKind / Math.max(1, matched),
    rooms: { truth: indoor.length, found: floor.rooms.length },
    roomTypesRead: typesRead(indoor, floor.rooms, truth, toPx),
    scaleError: Math.abs(pxPerMetre / factor - truth.pxPerMetre) / truth.pxPerMetre,
  };
}

/** Drawn rooms whose found counterpart (the room holding the drawn room's inside point) has its use. */
function typesRead(drawn: Room[], found: Room[], truth: SyntheticPlan, toPx: (p: Point) => Point): number {
  const right = drawn.filter((room) => {
    const at = truth.toPx(interiorPoint(room.polygon));
    const match = found.find((f) => pointInPolygon(at, f.polygon.map(toPx)));
    return match?.type === room.type;
  });
  return right.length / Math.max(1, drawn.length);
}
