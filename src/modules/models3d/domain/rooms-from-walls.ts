import type { Point, Room, RoomType, Wall } from './building-model.js';
import { polygonArea } from './geometry.js';

/** Points closer than this (m) are one corner; an end this close to a wall joins it. */
const SNAP = 0.05;
/** Faces smaller than this (m²) are drawing slivers, not rooms. */
const MIN_ROOM_AREA = 0.5;
const OUTDOOR: RoomType[] = ['balkon', 'terrasse'];

type Segment = { a: Point; b: Point };

const sub = (p: Point, q: Point) => ({ x: p.x - q.x, y: p.y - q.y });
const cross = (p: Point, q: Point) => p.x * q.y - p.y * q.x;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Parameter t on segment s of the point closest to p, and the distance to it. */
function project(s: Segment, p: Point): { t: number; distance: number } {
  const d = sub(s.b, s.a);
  const length2 = d.x * d.x + d.y * d.y;
  const t =
    length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - s.a.x) * d.x + (p.y - s.a.y) * d.y) / length2));
  return { t, distance: Math.hypot(s.a.x + d.x * t - p.x, s.a.y + d.y * t - p.y) };
}

/** Parameters on s and r where the two segments cross, if they do. */
function intersect(s: Segment, r: Segment): [number, number] | null {
  const d = sub(s.b, s.a);
  const e = sub(r.b, r.a);
  const denominator = cross(d, e);
  if (Math.abs(denominator) < 1e-12) return null;
  const w = sub(r.a, s.a);
  const t = cross(w, e) / denominator;
  const u = cross(w, d) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [t, u] : null;
}

/** Merges points within SNAP of each other into one vertex (grid hashing). */
class Vertices {
  readonly points: Point[] = [];
  private readonly grid = new Map<string, number[]>();

  id(p: Point): number {
    const gx = Math.floor(p.x / SNAP);
    const gy = Math.floor(p.y / SNAP);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const i of this.grid.get(`${gx + dx}:${gy + dy}`) ?? []) {
          const q = this.points[i] as Point;
          if (Math.hypot(q.x - p.x, q.y - p.y) <= SNAP) return i;
        }
    this.points.push(p);
    const key = `${gx}:${gy}`;
    this.grid.set(key, [...(this.grid.get(key) ?? []), this.points.length - 1]);
    return this.points.length - 1;
  }
}

/**
 * The enclosed regions of a floor's walls, as polygons on the walls' centre lines (the
 * convention of every model here). Walls are split where they cross or where another wall
 * ends on them, dead ends are pruned, and the faces of the resulting planar graph are walked;
 * the outer face is dropped. Works for any angle, not only right angles.
 */
export function faceRegions(walls: Pick<Wall, 'a' | 'b'>[]): Point[][] {
  const segments = walls.filter((w) => Math.hypot(w.b.x - w.a.x, w.b.y - w.a.y) > SNAP);
  const cuts = segments.map(() => [0, 1]);
  for (const [i, s] of segments.entries())
    for (let j = i + 1; j < segments.length; j++) {
      const r = segments[j] as Segment;
      const hit = intersect(s, r);
      if (hit) {
        cuts[i]?.push(hit[0]);
        cuts[j]?.push(hit[1]);
      }
      // An end within SNAP of the other wall (a T-junction drawn slightly short) splits it.
      for (const p of [r.a, r.b]) {
        const near = project(s, p);
        if (near.distance <= SNAP) cuts[i]?.push(near.t);
      }
      for (const p of [s.a, s.b]) {
        const near = project(r, p);
        if (near.distance <= SNAP) cuts[j]?.push(near.t);
      }
    }

  const vertices = new Vertices();
  const edges = new Set<string>();
  for (const [i, s] of segments.entries()) {
    const ts = [...new Set(cuts[i])].sort((x, y) => x - y);
    let previous: number | null = null;
    for (const t of ts) {
      const v = vertices.id({ x: s.a.x + (s.b.x - s.a.x) * t, y: s.a.y + (s.b.y - s.a.y) * t });
      if (previous !== null && previous !== v)
        edges.add(previous < v ? `${previous}-${v}` : `${v}-${previous}`);
      previous = v;
    }
  }

  const neighbours = new Map<number, Set<number>>();
  for (const edge of edges) {
    const [u, v] = edge.split('-').map(Number) as [number, number];
    if (!neighbours.has(u)) neighbours.set(u, new Set());
    if (!neighbours.has(v)) neighbours.set(v, new Set());
    neighbours.get(u)?.add(v);
    neighbours.get(v)?.add(u);
  }
  // Dead ends (a wall stub into a room) bound nothing.
  const pending = [...neighbours.keys()].filter((v) => (neighbours.get(v)?.size ?? 0) < 2);
  while (pending.length > 0) {
    const v = pending.pop() as number;
    for (const u of neighbours.get(v) ?? []) {
      neighbours.get(u)?.delete(v);
      if ((neighbours.get(u)?.size ?? 0) === 1) pending.push(u);
    }
    neighbours.delete(v);
  }

  const at = (v: number) => vertices.points[v] as Point;
  const sorted = new Map<number, number[]>();
  for (const [v, around] of neighbours)
    sorted.set(
      v,
      [...around].sort(
        (p, q) =>
          Math.atan2(at(p).y - at(v).y, at(p).x - at(v).x) - Math.atan2(at(q).y - at(v).y, at(q).x - at(v).x),
      ),
    );

  const visited = new Set<string>();
  const faces: Point[][] = [];
  for (const [u, around] of sorted)
    for (const v of around) {
      if (visited.has(`${u}>${v}`)) continue;
      const face: number[] = [];
      let from = u;
      let to = v;
      while (!visited.has(`${from}>${to}`)) {
        visited.add(`${from}>${to}`);
        face.push(from);
        // Turn to the neighbour just before `from` in angular order: the tightest turn.
        const ring = sorted.get(to) as number[];
        const next = ring[(ring.indexOf(from) - 1 + ring.length) % ring.length] as number;
        from = to;
        to = next;
      }
      const polygon = simplify(face.map(at));
      if (polygon.length >= 3 && signedArea(polygon) > MIN_ROOM_AREA) faces.push(polygon);
    }
  return faces;
}

/** Shoelace with sign: the walk above yields inner faces positive in plan coordinates. */
function signedArea(points: Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as Point;
    const b = points[(i + 1) % points.length] as Point;
    twice += a.x * b.y - b.x * a.y;
  }
  return twice / 2;
}

/** Drops corners where the outline runs straight on (left by splitting walls). */
function simplify(points: Point[]): Point[] {
  const kept = points.filter((p, i) => {
    const before = points[(i - 1 + points.length) % points.length] as Point;
    const after = points[(i + 1) % points.length] as Point;
    return Math.abs(cross(sub(p, before), sub(after, p))) > 1e-6;
  });
  return kept.map((p) => ({ x: round(p.x), y: round(p.y) }));
}

export function pointInPolygon(p: Point, polygon: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as Point;
    const b = polygon[j] as Point;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** A point inside the polygon, the centroid when it lies inside (not for every L-shape). */
export function interiorPoint(polygon: Point[]): Point {
  const area = signedArea(polygon);
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i] as Point;
    const b = polygon[(i + 1) % polygon.length] as Point;
    const f = a.x * b.y - b.x * a.y;
    cx += (a.x + b.x) * f;
    cy += (a.y + b.y) * f;
  }
  const centroid = area === 0 ? (polygon[0] as Point) : { x: cx / (6 * area), y: cy / (6 * area) };
  if (pointInPolygon(centroid, polygon)) return centroid;
  // Midpoint of the widest stretch inside along the centroid's horizontal line.
  const xs: number[] = [];
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] as Point;
    const b = polygon[j] as Point;
    if (a.y > centroid.y !== b.y > centroid.y)
      xs.push(((b.x - a.x) * (centroid.y - a.y)) / (b.y - a.y) + a.x);
  }
  xs.sort((p, q) => p - q);
  let best = { x: centroid.x, width: -1 };
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = (xs[i + 1] as number) - (xs[i] as number);
    if (width > best.width) best = { x: ((xs[i] as number) + (xs[i + 1] as number)) / 2, width };
  }
  return { x: best.x, y: centroid.y };
}

/**
 * Rooms after the walls changed: every enclosed region becomes a room; a region keeps the
 * name, type and slope of the earlier room whose inside point it contains, so a moved wall
 * does not rename the kitchen. Balconies and terraces lie outside the walls and stay as they
 * are. Regions without a predecessor are numbered "Raum n".
 */
export function roomsFromWalls(
  walls: Pick<Wall, 'a' | 'b'>[],
  previous: Room[] = [],
  idPrefix = 'r',
): Room[] {
  const outdoor = previous.filter((r) => OUTDOOR.includes(r.type));
  const indoor = previous.filter((r) => !OUTDOOR.includes(r.type));
  const used = new Set<string>();
  const taken = new Set(previous.map((r) => r.id));
  let counter = 0;
  const freshId = () => {
    let id: string;
    do id = `${idPrefix}${++counter}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  let unnamed = 0;
  const regions = faceRegions(walls).sort((p, q) => polygonArea(q) - polygonArea(p));
  const rooms = regions.map((polygon): Room => {
    const match = indoor.find((r) => !used.has(r.id) && pointInPolygon(interiorPoint(r.polygon), polygon));
    if (match) {
      used.add(match.id);
      return { ...match, polygon };
    }
    unnamed += 1;
    return { id: freshId(), name: `Raum ${unnamed}`, type: 'sonstiges', polygon };
  });
  return [...rooms, ...outdoor];
}
