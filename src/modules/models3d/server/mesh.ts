import earcut from 'earcut';
import type { BuildingModel, Floor, Point, Wall } from '../domain/building-model.js';
import { areaOptionsOf, livingArea, polygonArea, wallLength } from '../domain/geometry.js';
import { floorMaterial, type MaterialName } from './materials.js';

/** Triangles of one material: positions and normals (xyz each) and indices. glTF axes: y up. */
export class MeshPart {
  readonly positions: number[] = [];
  readonly normals: number[] = [];
  readonly indices: number[] = [];
  constructor(readonly material: MaterialName) {}

  get vertexCount() {
    return this.positions.length / 3;
  }

  /** A quad a-b-c-d (counter-clockwise seen from where `normal` points). */
  quad(a: number[], b: number[], c: number[], d: number[], normal: number[]) {
    const base = this.vertexCount;
    for (const p of [a, b, c, d]) {
      this.positions.push(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0);
      this.normals.push(normal[0] ?? 0, normal[1] ?? 0, normal[2] ?? 0);
    }
    this.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  /**
   * A box from a plan segment: along `start`→`end` (plan metres), `thickness` across, from
   * `bottom` to `top` in height. Every face is emitted, so openings have proper reveals.
   */
  box(start: Point, end: Point, thickness: number, bottom: number, top: number) {
    const len = Math.hypot(end.x - start.x, end.y - start.y);
    if (len < 1e-6 || top - bottom < 1e-6) return;
    const dx = (end.x - start.x) / len;
    const dy = (end.y - start.y) / len;
    const nx = -dy * (thickness / 2);
    const ny = dx * (thickness / 2);
    // Plan (x, y) → glTF (x, up, z = y).
    const c = (p: Point, side: 1 | -1, h: number) => [p.x + side * nx, h, p.y + side * ny];
    const s1 = c(start, 1, bottom),
      s2 = c(start, -1, bottom),
      e1 = c(end, 1, bottom),
      e2 = c(end, -1, bottom);
    const s1t = c(start, 1, top),
      s2t = c(start, -1, top),
      e1t = c(end, 1, top),
      e2t = c(end, -1, top);
    // S points to the side offset by +1; the quads' windings face outward (checked by the cross products).
    const side = [-dy, 0, dx];
    this.quad(s1, e1, e1t, s1t, side);
    this.quad(
      e2,
      s2,
      s2t,
      e2t,
      side.map((v) => -v),
    );
    this.quad(s2, s1, s1t, s2t, [-dx, 0, -dy]);
    this.quad(e1, e2, e2t, e1t, [dx, 0, dy]);
    this.quad(s1t, e1t, e2t, s2t, [0, 1, 0]);
    this.quad(s2, e2, e1, s1, [0, -1, 0]);
  }

  /** A flat polygon at height `y`, facing up or down. */
  polygon(points: Point[], y: number, facing: 'up' | 'down') {
    const flat = points.flatMap((p) => [p.x, p.y]);
    const triangles = earcut(flat);
    const base = this.vertexCount;
    for (const p of points) {
      this.positions.push(p.x, y, p.y);
      this.normals.push(0, facing === 'up' ? 1 : -1, 0);
    }
    // Each triangle is wound so its normal points the way the face looks. In glTF axes a
    // triangle whose plan cross product is positive faces down (-y).
    const up = facing === 'up';
    for (let i = 0; i < triangles.length; i += 3) {
      const [a, b, c] = [triangles[i] as number, triangles[i + 1] as number, triangles[i + 2] as number];
      const pa = points[a] as Point;
      const pb = points[b] as Point;
      const pc = points[c] as Point;
      const cross = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x);
      if (cross > 0 === up) this.indices.push(base + a, base + c, base + b);
      else this.indices.push(base + a, base + b, base + c);
    }
  }
}

export interface RoomMesh {
  roomId: string;
  name: string;
  type: string;
  area: number;
  livingArea: number;
  /** Where to put the label, in glTF coordinates. */
  label: [number, number, number];
  floor: MeshPart;
}

export interface FloorMeshes {
  floorId: string;
  name: string;
  elevation: number;
  parts: MeshPart[];
  rooms: RoomMesh[];
}

const SLAB = 0.2;

function wallParts(floor: Floor, wall: Wall, parts: (m: MaterialName) => MeshPart) {
  const length = wallLength(wall);
  const dir = { x: (wall.b.x - wall.a.x) / length, y: (wall.b.y - wall.a.y) / length };
  // Exterior walls reach past their ends by half a thickness, so corners close.
  const extend = wall.exterior ? wall.thickness / 2 : 0;
  const at = (s: number): Point => ({ x: wall.a.x + dir.x * s, y: wall.a.y + dir.y * s });
  const part = parts(wall.exterior ? 'fassade' : 'innenwand');
  const bottom = floor.elevation;
  const top = floor.elevation + wall.height;
  const openings = floor.openings
    .filter((o) => o.wallId === wall.id)
    .map((o) => ({ ...o, from: o.offset - o.width / 2, to: o.offset + o.width / 2 }))
    .sort((a, b) => a.from - b.from);
  let cursor = -extend;
  for (const o of openings) {
    if (o.from > cursor) part.box(at(cursor), at(o.from), wall.thickness, bottom, top);
    if (o.sill > 0) part.box(at(o.from), at(o.to), wall.thickness, bottom, bottom + o.sill);
    if (o.sill + o.height < wall.height)
      part.box(at(o.from), at(o.to), wall.thickness, bottom + o.sill + o.height, top);
    if (o.kind === 'fenster' || o.kind === 'balkontuer')
      parts('glas').box(at(o.from), at(o.to), 0.02, bottom + o.sill, bottom + o.sill + o.height);
    cursor = Math.max(cursor, o.to);
  }
  if (length + extend > cursor) part.box(at(cursor), at(length + extend), wall.thickness, bottom, top);
}

/** Every floor as triangle meshes by material, with one floor mesh per room for labels and picking. */
export function buildMeshes(model: BuildingModel): FloorMeshes[] {
  return model.floors.map((floor) => {
    const byMaterial = new Map<MaterialName, MeshPart>();
    const parts = (m: MaterialName) => {
      let part = byMaterial.get(m);
      if (!part) {
        part = new MeshPart(m);
        byMaterial.set(m, part);
      }
      return part;
    };
    for (const wall of floor.walls) wallParts(floor, wall, parts);
    const rooms: RoomMesh[] = floor.rooms.map((room) => {
      const outdoor = room.type === 'balkon' || room.type === 'terrasse';
      const part = new MeshPart(floorMaterial(room.type));
      part.polygon(room.polygon, floor.elevation, 'up');
      // Rooms are slabs: the underside closes the model seen from below or from the floor beneath.
      part.polygon(room.polygon, floor.elevation - SLAB, 'down');
      if (!outdoor) parts('decke').polygon(room.polygon, floor.elevation + floor.height - 0.001, 'down');
      const cx = room.polygon.reduce((s, p) => s + p.x, 0) / room.polygon.length;
      const cy = room.polygon.reduce((s, p) => s + p.y, 0) / room.polygon.length;
      return {
        roomId: room.id,
        name: room.name,
        type: room.type,
        area: Math.round(polygonArea(room.polygon) * 100) / 100,
        livingArea: Math.round(livingArea(room, areaOptionsOf(model)) * 100) / 100,
        label: [cx, floor.elevation + 0.05, cy],
        floor: part,
      };
    });
    for (const stair of floor.stairs) {
      const run = { x: stair.to.x - stair.from.x, y: stair.to.y - stair.from.y };
      const len = Math.hypot(run.x, run.y);
      const xs = stair.polygon.map((p) => p.x);
      const ys = stair.polygon.map((p) => p.y);
      const width =
        Math.abs(run.x) > Math.abs(run.y)
          ? Math.max(...ys) - Math.min(...ys)
          : Math.max(...xs) - Math.min(...xs);
      const rise = (floor.height + 0.3) / stair.steps;
      for (let i = 0; i < stair.steps; i++) {
        const s0 = (i / stair.steps) * len;
        const s1 = ((i + 1) / stair.steps) * len;
        const p = (s: number): Point => ({
          x: stair.from.x + (run.x / len) * s,
          y: stair.from.y + (run.y / len) * s,
        });
        parts('treppe').box(
          p(s0),
          p(s1),
          width,
          floor.elevation + i * rise,
          floor.elevation + (i + 1) * rise,
        );
      }
    }
    return {
      floorId: floor.id,
      name: floor.name,
      elevation: floor.elevation,
      parts: [...byMaterial.values()].filter((p) => p.indices.length > 0),
      rooms,
    };
  });
}
