import { describe, expect, it } from 'vitest';
import { buildingModelSchema } from '../../domain/building-model.js';
import type { PixelPlan, PixelWall } from './detect-walls.js';
import { planToModel } from './plan-to-model.js';

const h = (centre: number, start: number, end: number): PixelWall => ({
  orientation: 'h',
  centre,
  start,
  end,
  thickness: 10,
});
const v = (centre: number, start: number, end: number): PixelWall => ({
  ...h(centre, start, end),
  orientation: 'v',
});
const box = (x0: number, y0: number, x1: number, y1: number) => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 },
];

/** Two rooms of 4 × 4 m at 50 px/m side by side; the regions between the ink found both. */
function plan(walls: PixelWall[]): PixelPlan {
  return {
    width: 520,
    height: 320,
    walls,
    openings: [],
    strokeFilter: 5,
    explained: 1,
    rooms: [box(15, 15, 205, 205), box(215, 15, 405, 205)],
    traced: [],
    unsure: null,
    roughPxPerMetre: 50,
    wallStyle: 'solid',
  };
}

const scale = { pxPerMetre: 50, source: 'tuerbreite' as const };

describe('choosing the rooms of a read plan', () => {
  it('takes the rooms from the wall graph when it closes them', () => {
    const walls = [h(10, 10, 410), h(210, 10, 410), v(10, 10, 210), v(210, 10, 210), v(410, 10, 210)];
    const model = planToModel(plan(walls), scale, 'Plan');
    expect(model.floors[0]?.rooms).toHaveLength(2);
    // The graph's rooms run along the wall faces, the regions' along the ink: these are the graph's.
    expect(model.floors[0]?.rooms.every((r) => r.polygon.length === 4)).toBe(true);
  });

  it('takes the regions between the ink when the graph lost a room whose wall it did not close', () => {
    // The east wall of the right room is a window drawn as a white box: no wall in the graph.
    // A door leaf drawn bold splits the left room in the graph. Before, the graph's two halves
    // of the left room were taken and the right room was lost.
    const walls = [h(10, 10, 410), h(210, 10, 410), v(10, 10, 210), v(210, 10, 210), h(110, 10, 210)];
    const model = planToModel(plan(walls), scale, 'Plan');
    const rooms = model.floors[0]?.rooms ?? [];
    expect(rooms).toHaveLength(2);
    const xs = rooms.flatMap((r) => r.polygon.map((p) => p.x));
    expect(Math.max(...xs)).toBeGreaterThan(7.5);
  });
});

describe('openings of a read plan', () => {
  it('keep within their wall when they span all of it (a window wall glazed from end to end)', () => {
    // Rounding the width and the offset to centimetres each let a window spanning its whole
    // wall stick out by half a centimetre; 26 of 145 R3D train plans could not be saved so.
    const invalid: number[] = [];
    for (let east = 300; east < 420; east += 0.37) {
      const walls = [h(10, 10, east), h(210, 10, east), v(10, 10, 210), v(east, 10, 210), h(110, 10, 210)];
      const read = { ...plan(walls), rooms: [box(15, 15, east - 5, 205)] };
      read.openings = [{ wall: 1, start: 10, end: east, kind: 'fenster' }];
      const model = planToModel(read, scale, 'Plan');
      expect(model.floors[0]?.openings).toHaveLength(1);
      if (!buildingModelSchema.safeParse(model).success) invalid.push(east);
    }
    expect(invalid).toEqual([]);
  });
});
