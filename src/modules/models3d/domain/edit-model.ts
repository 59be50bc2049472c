import type { BuildingModel, Floor, Opening, Point, Wall } from './building-model.js';
import { wallLength } from './geometry.js';
import { roomsFromWalls } from './rooms-from-walls.js';

/** Edits of the 2D editor: pure functions from one model to the next, rooms kept in step. */

export const GRID = 0.05;
/** Ends closer than this (m) are one junction and move together. */
const JOINED = 0.02;
/** The pointer snaps to an existing end within this distance (m). */
const SNAP_TO_END = 0.2;

export const DEFAULT_OPENING = {
  tuer: { width: 0.885, height: 2.01, sill: 0 },
  fenster: { width: 1.26, height: 1.385, sill: 0.885 },
  balkontuer: { width: 1.76, height: 2.135, sill: 0 },
} as const;

const round = (n: number) => Math.round(n * 1000) / 1000;
const same = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y) <= JOINED;

/**
 * Where a pointer position lands: on a wall end nearby, else on the grid; with `from`, a
 * nearly horizontal or vertical line is made exactly so.
 */
export function snapPoint(p: Point, floor: Floor, from?: Point, ignore?: Point): Point {
  let best: Point | null = null;
  let distance = SNAP_TO_END;
  for (const w of floor.walls)
    for (const end of [w.a, w.b]) {
      if (ignore && same(end, ignore)) continue;
      const d = Math.hypot(end.x - p.x, end.y - p.y);
      if (d < distance) {
        best = end;
        distance = d;
      }
    }
  if (best) return { x: best.x, y: best.y };
  let snapped = { x: round(Math.round(p.x / GRID) * GRID), y: round(Math.round(p.y / GRID) * GRID) };
  if (from) {
    const dx = Math.abs(snapped.x - from.x);
    const dy = Math.abs(snapped.y - from.y);
    if (dy < dx * 0.09) snapped = { x: snapped.x, y: from.y };
    else if (dx < dy * 0.09) snapped = { x: from.x, y: snapped.y };
  }
  return snapped;
}

function withFloor(model: BuildingModel, index: number, change: (floor: Floor) => Floor): BuildingModel {
  return { ...model, floors: model.floors.map((f, i) => (i === index ? change(f) : f)) };
}

/** Openings keep their place from the wall's start and shrink or go when the wall gets too short. */
function fitOpenings(floor: Floor, walls: Wall[]): Opening[] {
  const byId = new Map(walls.map((w) => [w.id, w]));
  return floor.openings.flatMap((o) => {
    const wall = byId.get(o.wallId);
    if (!wall) return [];
    const length = wallLength(wall);
    const width = Math.min(o.width, length - 0.1);
    if (width < 0.3) return [];
    return [
      {
        ...o,
        width: round(width),
        offset: round(Math.min(Math.max(o.offset, width / 2), length - width / 2)),
      },
    ];
  });
}

/** New walls, their openings fitted and the rooms found again (names kept where they stay). */
function rebuild(floor: Floor, walls: Wall[]): Floor {
  return {
    ...floor,
    walls,
    openings: fitOpenings(floor, walls),
    rooms: roomsFromWalls(walls, floor.rooms, `${floor.id}-r`),
  };
}

/** Moves every wall end at `from` (a junction moves as a whole) to `to`. */
export function moveJunction(
  model: BuildingModel,
  floorIndex: number,
  from: Point,
  to: Point,
): BuildingModel {
  return withFloor(model, floorIndex, (floor) =>
    rebuild(
      floor,
      floor.walls.map((w) => ({ ...w, a: same(w.a, from) ? to : w.a, b: same(w.b, from) ? to : w.b })),
    ),
  );
}

/** Shifts a wall; walls joined to its ends or ending on it (T-junctions) follow with those ends. */
export function moveWall(model: BuildingModel, floorIndex: number, wallId: string, by: Point): BuildingModel {
  const wall = model.floors[floorIndex]?.walls.find((w) => w.id === wallId);
  if (!wall) return model;
  const shift = (p: Point) => ({ x: round(p.x + by.x), y: round(p.y + by.y) });
  const onWall = (p: Point) => distanceToSegment(p, wall.a, wall.b) <= JOINED;
  return withFloor(model, floorIndex, (floor) =>
    rebuild(
      floor,
      floor.walls.map((w) => ({
        ...w,
        a: onWall(w.a) ? shift(w.a) : w.a,
        b: onWall(w.b) ? shift(w.b) : w.b,
      })),
    ),
  );
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(a.x + dx * t - p.x, a.y + dy * t - p.y);
}

/** Sets a wall's length by moving its end `b` along the wall (joined walls follow). */
export function setWallLength(
  model: BuildingModel,
  floorIndex: number,
  wallId: string,
  length: number,
): BuildingModel {
  const wall = model.floors[floorIndex]?.walls.find((w) => w.id === wallId);
  if (!wall || length < 0.1) return model;
  const current = wallLength(wall);
  const to = {
    x: round(wall.a.x + ((wall.b.x - wall.a.x) / current) * length),
    y: round(wall.a.y + ((wall.b.y - wall.a.y) / current) * length),
  };
  return moveJunction(model, floorIndex, wall.b, to);
}

export function updateWall(
  model: BuildingModel,
  floorIndex: number,
  wallId: string,
  patch: Partial<Pick<Wall, 'thickness' | 'height' | 'exterior'>>,
): BuildingModel {
  return withFloor(model, floorIndex, (floor) => ({
    ...floor,
    walls: floor.walls.map((w) => (w.id === wallId ? { ...w, ...patch } : w)),
  }));
}

const nextId = (prefix: string, taken: { id: string }[]) => {
  const ids = new Set(taken.map((x) => x.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

export function addWall(
  model: BuildingModel,
  floorIndex: number,
  a: Point,
  b: Point,
  thickness = 0.115,
): { model: BuildingModel; wallId: string | null } {
  const floor = model.floors[floorIndex];
  if (!floor || Math.hypot(b.x - a.x, b.y - a.y) < 0.1) return { model, wallId: null };
  const wallId = nextId(`${floor.id}-w`, floor.walls);
  const wall: Wall = { id: wallId, a, b, thickness, height: floor.height, exterior: false };
  return { model: withFloor(model, floorIndex, (f) => rebuild(f, [...f.walls, wall])), wallId };
}

/** Places a door or window centred where the wall was clicked, kept inside the wall. */
export function addOpening(
  model: BuildingModel,
  floorIndex: number,
  wallId: string,
  at: Point,
  kind: Opening['kind'],
): { model: BuildingModel; openingId: string | null } {
  const floor = model.floors[floorIndex];
  const wall = floor?.walls.find((w) => w.id === wallId);
  if (!floor || !wall) return { model, openingId: null };
  const length = wallLength(wall);
  const defaults = DEFAULT_OPENING[kind];
  const width = Math.min(defaults.width, length - 0.1);
  if (width < 0.3) return { model, openingId: null };
  const along =
    ((at.x - wall.a.x) * (wall.b.x - wall.a.x) + (at.y - wall.a.y) * (wall.b.y - wall.a.y)) / length;
  const openingId = nextId(`${floor.id}-o`, floor.openings);
  const opening: Opening = {
    id: openingId,
    wallId,
    kind,
    width: round(width),
    height: Math.min(defaults.height, wall.height - defaults.sill),
    sill: defaults.sill,
    offset: round(Math.min(Math.max(along, width / 2), length - width / 2)),
  };
  return {
    model: withFloor(model, floorIndex, (f) => ({ ...f, openings: [...f.openings, opening] })),
    openingId,
  };
}

export function updateOpening(
  model: BuildingModel,
  floorIndex: number,
  openingId: string,
  patch: Partial<Omit<Opening, 'id' | 'wallId'>>,
): BuildingModel {
  return withFloor(model, floorIndex, (floor) => ({
    ...floor,
    openings: floor.openings.map((o) => (o.id === openingId ? { ...o, ...patch } : o)),
  }));
}

export function updateRoom(
  model: BuildingModel,
  floorIndex: number,
  roomId: string,
  patch: Partial<Pick<Floor['rooms'][number], 'name' | 'type' | 'slope'>>,
): BuildingModel {
  return withFloor(model, floorIndex, (floor) => ({
    ...floor,
    rooms: floor.rooms.map((r) => (r.id === roomId ? { ...r, ...patch } : r)),
  }));
}

/** Removes a wall (with its openings) or an opening. */
export function removeElement(model: BuildingModel, floorIndex: number, id: string): BuildingModel {
  return withFloor(model, floorIndex, (floor) => {
    if (floor.openings.some((o) => o.id === id))
      return { ...floor, openings: floor.openings.filter((o) => o.id !== id) };
    return rebuild(
      floor,
      floor.walls.filter((w) => w.id !== id),
    );
  });
}

/**
 * Rescales the plan so a measured distance gets its real length: every position, length and
 * wall thickness on every floor by the same factor (heights stay).
 */
export function rescale(model: BuildingModel, factor: number): BuildingModel {
  if (!(factor > 0) || !Number.isFinite(factor)) return model;
  const p = (q: Point) => ({ x: round(q.x * factor), y: round(q.y * factor) });
  return {
    ...model,
    floors: model.floors.map((floor) => ({
      ...floor,
      walls: floor.walls.map((w) => ({
        ...w,
        a: p(w.a),
        b: p(w.b),
        thickness: round(Math.min(2, Math.max(0.05, w.thickness * factor))),
      })),
      openings: floor.openings.map((o) => ({
        ...o,
        offset: round(o.offset * factor),
        width: round(Math.max(0.3, o.width * factor)),
      })),
      rooms: floor.rooms.map((r) => ({ ...r, polygon: r.polygon.map(p) })),
      stairs: floor.stairs.map((s) => ({ ...s, polygon: s.polygon.map(p), from: p(s.from), to: p(s.to) })),
    })),
  };
}
