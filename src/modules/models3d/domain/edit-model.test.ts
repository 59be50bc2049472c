import { describe, expect, it } from 'vitest';
import { buildingModelSchema } from './building-model.js';
import {
  addOpening,
  addWall,
  moveJunction,
  moveWall,
  removeElement,
  rescale,
  setWallLength,
  snapPoint,
  updateRoom,
} from './edit-model.js';
import { modelFigures, polygonArea } from './geometry.js';
import { templateModel } from './templates.js';

const base = () => {
  const model = templateModel('2-zimmer');
  if (!model) throw new Error('template missing');
  return model;
};

describe('editing a model in the 2D editor', () => {
  it('moving an outer wall drags the walls that end on it; the rooms follow with their names', () => {
    const model = base();
    const floor = model.floors[0];
    const east = floor?.walls.find((w) => w.id === 'f0-wo');
    if (!floor || !east) throw new Error('east wall missing');
    const before = modelFigures(model).floorArea;
    const moved = moveWall(model, 0, east.id, { x: 1, y: 0 });
    const south = moved.floors[0]?.walls.find((w) => w.id === 'f0-ws');
    expect(south?.b.x).toBeCloseTo(east.b.x + 1, 6);
    expect(modelFigures(moved).floorArea).toBeGreaterThan(before);
    expect(moved.floors[0]?.rooms.map((r) => r.name).sort()).toEqual(floor.rooms.map((r) => r.name).sort());
    expect(buildingModelSchema.safeParse(moved).success).toBe(true);
    // One corner alone: the wall turns, both walls meeting there follow.
    const corner = moveJunction(model, 0, east.b, { x: east.b.x + 1, y: east.b.y });
    expect(corner.floors[0]?.walls.find((w) => w.id === 'f0-ws')?.b.x).toBeCloseTo(east.b.x + 1, 6);
  });

  it('a new wall across a room makes a second room; removing it joins them again', () => {
    const model = base();
    const living = model.floors[0]?.rooms.find((r) => r.type === 'wohnen');
    if (!living) throw new Error('no living room');
    const xs = living.polygon.map((p) => p.x);
    const ys = living.polygon.map((p) => p.y);
    const x = (Math.min(...xs) + Math.max(...xs)) / 2;
    const { model: split, wallId } = addWall(model, 0, { x, y: Math.min(...ys) }, { x, y: Math.max(...ys) });
    expect(wallId).not.toBeNull();
    const rooms = split.floors[0]?.rooms ?? [];
    expect(rooms).toHaveLength((model.floors[0]?.rooms.length ?? 0) + 1);
    expect(rooms.filter((r) => r.name === living.name)).toHaveLength(1);
    const joined = removeElement(split, 0, wallId ?? '');
    expect(joined.floors[0]?.rooms).toHaveLength(model.floors[0]?.rooms.length ?? 0);
  });

  it('places a door inside its wall, shortens walls keeping openings inside, and snaps to ends and axes', () => {
    const model = base();
    const wall = model.floors[0]?.walls.find((w) => w.id === 'f0-wn');
    if (!wall) throw new Error('north wall missing');
    const { model: withDoor, openingId } = addOpening(model, 0, wall.id, { x: wall.a.x + 0.1, y: 0 }, 'tuer');
    const door = withDoor.floors[0]?.openings.find((o) => o.id === openingId);
    expect(door?.offset).toBeCloseTo(0.885 / 2, 2);
    const short = setWallLength(withDoor, 0, wall.id, 2);
    expect(buildingModelSchema.safeParse(short).success).toBe(true);
    const floor = model.floors[0];
    if (!floor) throw new Error('floor missing');
    expect(snapPoint({ x: wall.b.x + 0.1, y: wall.b.y - 0.08 }, floor)).toEqual(wall.b);
    expect(snapPoint({ x: 3.02, y: 4.07 }, floor, { x: 0, y: 4 })).toEqual({ x: 3, y: 4 });
  });

  it('rescales positions, lengths and thicknesses but not heights', () => {
    const model = base();
    const twice = rescale(model, 2);
    const area = (m: typeof model) => polygonArea(m.floors[0]?.rooms[0]?.polygon ?? []);
    expect(area(twice)).toBeCloseTo(area(model) * 4, 4);
    expect(twice.floors[0]?.walls[0]?.height).toBe(model.floors[0]?.walls[0]?.height);
    expect(buildingModelSchema.safeParse(twice).success).toBe(true);
  });

  it('counts sloped ceilings and balconies by the WoFlV, and keeps a slope when walls move', () => {
    const model = base();
    const bedroom = model.floors[0]?.rooms.find((r) => r.type === 'schlafen');
    const balcony = model.floors[0]?.rooms.find((r) => r.type === 'balkon');
    if (!bedroom || !balcony) throw new Error('rooms missing');
    const before = modelFigures(model).livingArea;
    const sloped = updateRoom(model, 0, bedroom.id, { slope: { belowOneMetre: 0.1, oneToTwoMetres: 0.2 } });
    // 10 % does not count, 20 % counts half: 20 % of the room is lost.
    expect(modelFigures(sloped).livingArea).toBeCloseTo(before - polygonArea(bedroom.polygon) * 0.2, 1);
    const half = { ...sloped, balconyShare: 0.5 as const };
    expect(modelFigures(half).livingArea).toBeCloseTo(
      modelFigures(sloped).livingArea + polygonArea(balcony.polygon) * 0.25,
      1,
    );
    expect(buildingModelSchema.safeParse(half).success).toBe(true);
    const east = model.floors[0]?.walls.find((w) => w.id === 'f0-wo');
    const moved = moveWall(sloped, 0, east?.id ?? '', { x: 0.5, y: 0 });
    expect(moved.floors[0]?.rooms.find((r) => r.name === bedroom.name)?.slope).toEqual({
      belowOneMetre: 0.1,
      oneToTwoMetres: 0.2,
    });
  });
});
