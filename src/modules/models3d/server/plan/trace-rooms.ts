import type { Point } from '../../domain/building-model.js';
import type { PixelWall } from './detect-walls.js';
import type { PixelRoom } from './find-rooms.js';

/** A wall of any direction, centre line in working pixels. */
export interface TracedWall {
  a: Point;
  b: Point;
  thickness: number;
}

const sub = (p: Point, q: Point) => ({ x: p.x - q.x, y: p.y - q.y });
const dot = (p: Point, q: Point) => p.x * q.x + p.y * q.y;

/**
 * Walls traced along the outlines of rooms found between the ink, for plans whose walls the
 * vectoriser could not take (thin, hatched, diagonal, curved): each outline edge becomes a wall
 * set half a wall outward, so its face lies on the room's edge; the edge two neighbouring rooms
 * share, and an edge a found wall already covers, is taken once.
 */
export function wallsAlongRooms(
  rooms: PixelRoom[],
  found: PixelWall[],
  alsoFound: TracedWall[],
  thickness: number,
): TracedWall[] {
  const taken: TracedWall[] = found
    .map((w) =>
      w.orientation === 'h'
        ? { a: { x: w.start, y: w.centre }, b: { x: w.end, y: w.centre }, thickness: w.thickness }
        : { a: { x: w.centre, y: w.start }, b: { x: w.centre, y: w.end }, thickness: w.thickness },
    )
    .concat(alsoFound);
  const traced: TracedWall[] = [];
  for (const room of rooms) {
    const centre = {
      x: room.reduce((s, p) => s + p.x, 0) / room.length,
      y: room.reduce((s, p) => s + p.y, 0) / room.length,
    };
    for (const [i, p] of room.entries()) {
      const q = room[(i + 1) % room.length] as Point;
      const length = Math.hypot(q.x - p.x, q.y - p.y);
      if (length < thickness * 2) continue;
      const along = { x: (q.x - p.x) / length, y: (q.y - p.y) / length };
      let normal = { x: -along.y, y: along.x };
      const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
      if (dot(normal, sub(mid, centre)) < 0) normal = { x: -normal.x, y: -normal.y };
      const shift = thickness / 2;
      const wall = {
        a: { x: p.x + normal.x * shift, y: p.y + normal.y * shift },
        b: { x: q.x + normal.x * shift, y: q.y + normal.y * shift },
        thickness,
      };
      if ([...taken, ...traced].some((other) => covers(other, wall))) continue;
      traced.push(wall);
    }
  }
  return traced;
}

/** Whether `wall` runs along `other`: parallel, close, and mostly within its length. */
function covers(other: TracedWall, wall: TracedWall): boolean {
  const length = Math.hypot(other.b.x - other.a.x, other.b.y - other.a.y);
  if (length === 0) return false;
  const along = { x: (other.b.x - other.a.x) / length, y: (other.b.y - other.a.y) / length };
  const own = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
  const direction = { x: (wall.b.x - wall.a.x) / own, y: (wall.b.y - wall.a.y) / own };
  if (Math.abs(along.x * direction.y - along.y * direction.x) > 0.1) return false;
  const mid = { x: (wall.a.x + wall.b.x) / 2, y: (wall.a.y + wall.b.y) / 2 };
  const offset = sub(mid, other.a);
  const distance = Math.abs(offset.x * along.y - offset.y * along.x);
  if (distance > (other.thickness + wall.thickness) / 2 + 3) return false;
  const [from, to] = [dot(sub(wall.a, other.a), along), dot(sub(wall.b, other.a), along)].sort(
    (m, n) => m - n,
  ) as [number, number];
  const overlap = Math.min(to, length) - Math.max(from, 0);
  return overlap >= own * 0.5;
}
