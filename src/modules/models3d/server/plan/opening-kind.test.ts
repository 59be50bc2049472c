import { describe, expect, it } from 'vitest';
import type { PixelOpening, PixelWall } from './detect-walls.js';
import { dropDoorLeaves, hasDoorSymbol, windowsWithoutDoorSymbols } from './opening-kind.js';

const SIZE = 200;

/** A white sheet with a horizontal wall at y 100 (10 px thick) and a gap from x 80 to x 120. */
function sheet() {
  const data = new Uint8Array(SIZE * SIZE).fill(250);
  const ink = (atX: number, atY: number) => {
    const [x, y] = [Math.round(atX), Math.round(atY)];
    if (x >= 0 && y >= 0 && x < SIZE && y < SIZE) data[y * SIZE + x] = 20;
  };
  for (let y = 95; y <= 105; y++) for (let x = 20; x < 180; x++) if (x < 80 || x > 120) ink(x, y);
  return { data, width: SIZE, height: SIZE, ink };
}

const wall: PixelWall = { orientation: 'h', centre: 100, start: 20, end: 180, thickness: 10 };
const gap = { start: 80, end: 120 };
const inkOf = (grey: { data: Uint8Array; width: number; height: number }) => ({
  ...grey,
  data: grey.data.map((v) => (v < 215 ? 255 : 0)),
});

describe('telling a door from a window by its symbol', () => {
  it('sees a leaf standing open on the hinge and a quarter-circle swing', () => {
    const leaf = sheet();
    for (let y = 106; y <= 146; y++) leaf.ink(80, y);
    expect(hasDoorSymbol(inkOf(leaf), wall, gap)).toBe(true);

    const arc = sheet();
    for (let a = 0; a <= 90; a += 0.5) {
      const r = (a * Math.PI) / 180;
      arc.ink(120 - 40 * Math.cos(r), 94 - 40 * Math.sin(r));
    }
    expect(hasDoorSymbol(inkOf(arc), wall, gap)).toBe(true);
  });

  it('sees nothing beside an empty gap, and makes an outside gap without a symbol a window', () => {
    const empty = sheet();
    expect(hasDoorSymbol(inkOf(empty), wall, gap)).toBe(false);
    const wallMask = { ...empty, data: empty.data.map((v) => (v < 128 ? 255 : 0)) };
    const door: PixelOpening = { wall: 0, ...gap, kind: 'tuer' };
    expect(windowsWithoutDoorSymbols(empty, wallMask, [wall], [door])[0]?.kind).toBe('fenster');

    // The same gap between two rooms (walls drawn on both sides) stays a door: a passage.
    const inside = sheet();
    for (let x = 20; x < 180; x++) for (const y of [20, 21, 22, 178, 179, 180]) inside.ink(x, y);
    const insideMask = { ...inside, data: inside.data.map((v) => (v < 128 ? 255 : 0)) };
    expect(windowsWithoutDoorSymbols(inside, insideMask, [wall], [door])[0]?.kind).toBe('tuer');
  });
});

describe('door leaves drawn bold', () => {
  const walls: PixelWall[] = [
    wall,
    // The leaf of the door from 80 to 120, hinged at 80, drawn open from wall to wall.
    { orientation: 'v', centre: 81, start: 105, end: 160, thickness: 3 },
    // A thin wall elsewhere with an opening of its own.
    { orientation: 'v', centre: 150, start: 105, end: 190, thickness: 3 },
  ];
  const openings: PixelOpening[] = [
    { wall: 0, start: 80, end: 120, kind: 'tuer' },
    { wall: 1, start: 130, end: 140, kind: 'tuer' },
    { wall: 2, start: 150, end: 170, kind: 'tuer' },
  ];

  it('drops a thin run at a door hinge no longer than the door, with its openings', () => {
    const kept = dropDoorLeaves(walls, openings, 3);
    expect(kept.walls).toEqual([walls[0], walls[2]]);
    expect(kept.openings).toEqual([openings[0], { ...openings[2], wall: 1 }]);
  });

  it('keeps a run as thick as a wall, and one longer than a door is wide', () => {
    const thick = walls.map((w, i) => (i === 1 ? { ...w, thickness: 8 } : w));
    expect(dropDoorLeaves(thick, openings, 3).walls).toHaveLength(3);
    const long = walls.map((w, i) => (i === 1 ? { ...w, end: 190 } : w));
    expect(dropDoorLeaves(long, openings, 3).walls).toHaveLength(3);
  });
});
