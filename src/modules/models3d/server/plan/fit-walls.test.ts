import { describe, expect, it } from 'vitest';
import type { PixelWall } from './detect-walls.js';
import { fitWallsToMask, type Mask, residualRectangles } from './fit-walls.js';

function maskWith(width: number, height: number, boxes: [number, number, number, number][]): Mask {
  const data = new Uint8Array(width * height);
  for (const [x0, y0, x1, y1] of boxes)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 255;
  return { data, width, height };
}

describe('fitting walls to the wall pixels', () => {
  it('sets a joined wall to the drawn faces, not the average of its pieces', () => {
    // A horizontal wall drawn 8 px thick from y = 20 to 28; the vectoriser said 6 px at 23.
    const mask = maskWith(100, 60, [[10, 20, 90, 28]]);
    const wall: PixelWall = { orientation: 'h', centre: 23, start: 10, end: 90, thickness: 6 };
    fitWallsToMask([wall], mask);
    expect(wall.centre).toBe(24);
    expect(wall.thickness).toBe(8);
  });

  it('leaves a wall alone where no cross-section shows both faces', () => {
    const mask = maskWith(100, 100, [[0, 0, 100, 100]]);
    const wall: PixelWall = { orientation: 'v', centre: 50, start: 10, end: 90, thickness: 6 };
    fitWallsToMask([wall], mask);
    expect(wall).toMatchObject({ centre: 50, thickness: 6 });
  });
});

describe('wall pixels the walls leave unexplained', () => {
  it('become axis-parallel walls: a stub beside a door and a chimney breast', () => {
    const mask = maskWith(200, 120, [
      [10, 10, 190, 20], // the long wall the vectoriser found
      [60, 20, 68, 45], // a stub hanging from it
      [150, 20, 180, 32], // a chimney breast on its inside face
    ]);
    const found: PixelWall[] = [{ orientation: 'h', centre: 15, start: 10, end: 190, thickness: 10 }];
    const rest = residualRectangles(mask, found, 3, 20);
    expect(rest).toHaveLength(2);
    const stub = rest.find((w) => w.a.x === w.b.x);
    expect(stub).toMatchObject({ a: { x: 64 }, thickness: 8 });
    expect((stub?.b.y ?? 0) - (stub?.a.y ?? 0)).toBeGreaterThanOrEqual(23);
    const breast = rest.find((w) => w.a.y === w.b.y);
    expect(breast?.b.x ?? 0).toBeCloseTo(180, 0);
    expect(breast?.thickness).toBeGreaterThanOrEqual(10);
  });

  it('drops lines thinner than a wall (door leaves, dimension lines)', () => {
    const mask = maskWith(200, 120, [[20, 60, 180, 62]]);
    expect(residualRectangles(mask, [], 3, 20)).toEqual([]);
  });
});
