import type { BuildingModel, Point, Room } from './building-model.js';

/** Area of a simple polygon (shoelace), in m², whatever the winding. */
export function polygonArea(points: Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as Point;
    const b = points[(i + 1) % points.length] as Point;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}

export const wallLength = (w: { a: Point; b: Point }) => Math.hypot(w.b.x - w.a.x, w.b.y - w.a.y);

export interface AreaOptions {
  /** WoFlV § 4 No. 4: balconies and terraces count a quarter, at most half. */
  balconyShare: 0.25 | 0.5;
}

/**
 * Living area of a room under the Wohnflächenverordnung: full below a clear height of 2 m or
 * more, half between 1 and 2 m, none below 1 m; balconies and terraces by `balconyShare`.
 */
export function livingArea(room: Room, options: AreaOptions = { balconyShare: 0.25 }): number {
  const floor = polygonArea(room.polygon);
  if (room.type === 'balkon' || room.type === 'terrasse') return floor * options.balconyShare;
  const slope = room.slope ?? { belowOneMetre: 0, oneToTwoMetres: 0 };
  return floor * (1 - slope.belowOneMetre - slope.oneToTwoMetres) + floor * slope.oneToTwoMetres * 0.5;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface ModelFigures {
  floors: number;
  rooms: number;
  /** Sum of room floor areas (Grundfläche), m². */
  floorArea: number;
  /** Wohnfläche per WoFlV, m². */
  livingArea: number;
  /** Outer extent of all walls, metres. */
  width: number;
  depth: number;
  height: number;
}

/** The model's own area rules (its balcony share). */
export const areaOptionsOf = (model: Pick<BuildingModel, 'balconyShare'>): AreaOptions => ({
  balconyShare: model.balconyShare ?? 0.25,
});

export function modelFigures(
  model: BuildingModel,
  options: AreaOptions = areaOptionsOf(model),
): ModelFigures {
  const rooms = model.floors.flatMap((f) => f.rooms);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const floor of model.floors)
    for (const wall of floor.walls) {
      xs.push(wall.a.x, wall.b.x);
      ys.push(wall.a.y, wall.b.y);
    }
  const top = Math.max(...model.floors.map((f) => f.elevation + f.height));
  const bottom = Math.min(...model.floors.map((f) => f.elevation));
  return {
    floors: model.floors.length,
    rooms: rooms.length,
    floorArea: round2(rooms.reduce((s, r) => s + polygonArea(r.polygon), 0)),
    livingArea: round2(rooms.reduce((s, r) => s + livingArea(r, options), 0)),
    width: xs.length ? round2(Math.max(...xs) - Math.min(...xs)) : 0,
    depth: ys.length ? round2(Math.max(...ys) - Math.min(...ys)) : 0,
    height: round2(top - bottom),
  };
}
