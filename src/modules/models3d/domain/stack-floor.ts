import type { BuildingModel, Floor } from './building-model.js';

/** The slab between storeys (m), as the layout uses it. */
const SLAB = 0.3;

/** The usual German name of the storey at `index` (0 = Erdgeschoss). */
export const storeyName = (index: number) =>
  index === 0 ? 'Erdgeschoss' : index === 1 ? 'Obergeschoss' : `${index}. Obergeschoss`;

/**
 * Puts a floor (read from another plan) on top of a model: above the highest storey and its
 * slab, with ids of its own so walls, openings and rooms never clash with the floors below.
 * Plans are read with their top-left wall corner at the origin, so storeys of one house line up.
 */
export function stackFloor(
  model: BuildingModel,
  floor: Floor,
  name?: string,
): { model: BuildingModel; floorId: string } {
  const taken = new Set(model.floors.map((f) => f.id));
  let n = model.floors.length;
  while (taken.has(`f${n}`)) n++;
  const id = `f${n}`;
  const top = Math.max(...model.floors.map((f) => f.elevation + f.height));
  const walls = new Map(floor.walls.map((w, i) => [w.id, `${id}-w${i + 1}`]));
  const stacked: Floor = {
    ...floor,
    id,
    name: name?.trim() || storeyName(model.floors.length),
    elevation: Math.round((top + SLAB) * 1000) / 1000,
    walls: floor.walls.map((w) => ({ ...w, id: walls.get(w.id) as string })),
    openings: floor.openings.map((o, i) => ({
      ...o,
      id: `${id}-o${i + 1}`,
      wallId: walls.get(o.wallId) as string,
    })),
    rooms: floor.rooms.map((r, i) => ({ ...r, id: `${id}-r${i + 1}` })),
    stairs: floor.stairs.map((s, i) => ({ ...s, id: `${id}-s${i + 1}` })),
  };
  return { model: { ...model, floors: [...model.floors, stacked] }, floorId: id };
}
