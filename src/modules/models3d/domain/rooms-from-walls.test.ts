import { describe, expect, it } from 'vitest';
import type { Wall } from './building-model.js';
import { polygonArea } from './geometry.js';
import { faceRegions, interiorPoint, pointInPolygon, roomsFromWalls } from './rooms-from-walls.js';
import { TEMPLATES, templateModel } from './templates.js';

const wall = (ax: number, ay: number, bx: number, by: number) => ({
  a: { x: ax, y: ay },
  b: { x: bx, y: by },
});

describe('faceRegions', () => {
  it('finds the two rooms of a rectangle split by a T-junction wall drawn 3 cm short', () => {
    const faces = faceRegions([
      wall(0, 0, 6, 0),
      wall(6, 0, 6, 4),
      wall(6, 4, 0, 4),
      wall(0, 4, 0, 0),
      wall(2.5, 0.03, 2.5, 4),
    ]);
    expect(faces.map(polygonArea).sort((a, b) => a - b)).toEqual([10, 14]);
  });

  it('ignores stubs and open outlines, and handles walls that cross', () => {
    expect(faceRegions([wall(0, 0, 5, 0), wall(5, 0, 5, 5), wall(5, 5, 0, 5)])).toEqual([]);
    const faces = faceRegions([
      wall(0, 0, 4, 0),
      wall(4, 0, 4, 4),
      wall(4, 4, 0, 4),
      wall(0, 4, 0, 0),
      wall(2, -1, 2, 5), // crosses both outer walls
      wall(1, 1, 1, 2), // a stub, bounding nothing
    ]);
    expect(faces.map(polygonArea).sort((a, b) => a - b)).toEqual([8, 8]);
  });

  it('handles an L-shaped room and a diagonal wall', () => {
    const faces = faceRegions([
      wall(0, 0, 6, 0),
      wall(6, 0, 6, 3),
      wall(6, 3, 3, 6),
      wall(3, 6, 0, 6),
      wall(0, 6, 0, 0),
    ]);
    expect(faces).toHaveLength(1);
    expect(polygonArea(faces[0] ?? [])).toBeCloseTo(36 - 4.5, 6);
    const l = [
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 1 },
      { x: 1, y: 1 },
      { x: 1, y: 4 },
      { x: 0, y: 4 },
    ];
    expect(pointInPolygon(interiorPoint(l), l)).toBe(true);
  });
});

describe('roomsFromWalls', () => {
  it.each(TEMPLATES.map((t) => t.id))('recovers the indoor rooms of template %s from its walls', (id) => {
    const model = templateModel(id);
    for (const floor of model?.floors ?? []) {
      const rooms = roomsFromWalls(floor.walls, floor.rooms);
      const summary = (list: typeof rooms) =>
        list.map((r) => `${r.id}:${r.name}:${polygonArea(r.polygon).toFixed(1)}`).sort();
      expect(summary(rooms)).toEqual(summary(floor.rooms));
    }
  });

  it('keeps the names when a wall moves and numbers a new room', () => {
    const walls: Pick<Wall, 'a' | 'b'>[] = [
      wall(0, 0, 6, 0),
      wall(6, 0, 6, 4),
      wall(6, 4, 0, 4),
      wall(0, 4, 0, 0),
      wall(3, 0, 3, 4),
    ];
    const first = roomsFromWalls(walls);
    expect(first.map((r) => r.name).sort()).toEqual(['Raum 1', 'Raum 2']);
    const named = first.map((r, i) => ({
      ...r,
      name: i === 0 ? 'Küche' : 'Bad',
      type: i === 0 ? ('kochen' as const) : ('bad' as const),
    }));
    const moved = roomsFromWalls([...walls.slice(0, 4), wall(3.5, 0, 3.5, 4), wall(3.5, 2, 6, 2)], named);
    expect(moved).toHaveLength(3);
    const kitchen = moved.find((r) => r.name === 'Küche');
    expect(kitchen && polygonArea(kitchen.polygon)).toBeCloseTo(14, 6);
    expect(moved.filter((r) => r.name.startsWith('Raum'))).toHaveLength(1);
  });
});
