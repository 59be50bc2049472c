import type { BuildingModel, Floor, Opening, Point, Room, RoomType, Wall } from './building-model.js';
import { buildingModelSchema, MODEL_VERSION } from './building-model.js';
import { livingArea } from './geometry.js';
import type { ProgramRoom, RoomProgram } from './room-program.js';

const EXTERIOR = 0.3;
const INTERIOR = 0.12;
const DOOR = { width: 0.885, height: 2.01 };
/** A room in a band is at least this wide (m): room for a door and its frame. */
const MIN_ROOM_WIDTH = 1.2;
const ENTRANCE = { width: 1.01, height: 2.135 };
const BALCONY_DEPTH = 1.6;
const CORRIDOR_DEPTH = 1.3;

/** Rooms that want daylight, and so a window, and the sunny side of the plan. */
const SUNNY: RoomType[] = ['wohnen', 'essen', 'schlafen', 'kind', 'arbeiten'];
const HABITABLE: RoomType[] = [...SUNNY, 'kochen', 'bad'];

const round = (n: number) => Math.round(n * 1000) / 1000;
const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  { x: round(x0), y: round(y0) },
  { x: round(x1), y: round(y0) },
  { x: round(x1), y: round(y1) },
  { x: round(x0), y: round(y1) },
];

interface Placed {
  room: ProgramRoom;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  band: 'nord' | 'sued';
}

/**
 * Places a floor's rooms in two bands either side of a corridor: the sunny rooms on the
 * south, kitchen, bath and storage on the north, widths in proportion to area. Every room
 * opens onto the corridor; habitable rooms get windows in the outer wall; a balcony sits in
 * front of the living room. Plausible, buildable, and a good start for the 2D editor.
 */
function layoutFloor(
  rooms: ProgramRoom[],
  index: number,
  width: number,
  storeyHeight: number,
  withStairs: boolean,
): Floor {
  const id = (kind: string, n: number | string) => `f${index}-${kind}${n}`;
  const balconies = rooms.filter((r) => r.type === 'balkon' || r.type === 'terrasse');
  const inside = rooms.filter((r) => !balconies.includes(r) && r.type !== 'flur');
  const south = inside.filter((r) => SUNNY.includes(r.type));
  const north = inside.filter((r) => !SUNNY.includes(r.type));
  // A band must not stay empty: move the smallest room across if needed.
  if (north.length === 0 && south.length > 1)
    north.push(south.splice(south.indexOf(minBy(south)), 1)[0] as ProgramRoom);
  if (south.length === 0 && north.length > 1)
    south.push(north.splice(north.indexOf(minBy(north)), 1)[0] as ProgramRoom);
  const area = (list: ProgramRoom[]) => list.reduce((s, r) => s + r.area, 0);
  // A thin north band would be stretched to its minimum depth and inflate the plan: move the
  // smallest sunny room (never the living room) across until the north band has real depth.
  for (;;) {
    const movable = south.filter((r) => r.type !== 'wohnen');
    if (area(north) / width >= 2.4 || movable.length === 0 || south.length < 2) break;
    const smallest = minBy(movable);
    south.splice(south.indexOf(smallest), 1);
    north.push(smallest);
  }
  const northDepth = Math.max(2.4, area(north) / width);
  const southDepth = Math.max(3, area(south) / width);
  const corridorTop = northDepth;
  const corridorBottom = northDepth + CORRIDOR_DEPTH;
  const depth = corridorBottom + southDepth;

  const placed: Placed[] = [];
  const place = (list: ProgramRoom[], band: 'nord' | 'sued', y0: number, y1: number) => {
    const total = area(list);
    const share = list.map((room) => (room.area / total) * width);
    // A room too narrow for a door (a store among large rooms) gets the least width that holds
    // one; the others give it up in proportion. Before, such a door came out under 0,3 m wide
    // and the model was refused as invalid.
    const narrow = share.filter((w) => w < MIN_ROOM_WIDTH).length;
    const wide = share.filter((w) => w >= MIN_ROOM_WIDTH).reduce((sum, w) => sum + w, 0);
    const room = (w: number) =>
      narrow === 0 || wide === 0
        ? w
        : w < MIN_ROOM_WIDTH
          ? MIN_ROOM_WIDTH
          : (w * (width - narrow * MIN_ROOM_WIDTH)) / wide;
    let x = 0;
    for (const [i, r] of list.entries()) {
      const w = room(share[i] as number);
      placed.push({ room: r, x0: x, x1: x + w, y0, y1, band });
      x += w;
    }
  };
  place(north, 'nord', 0, corridorTop);
  place(south, 'sued', corridorBottom, depth);

  const walls: Wall[] = [];
  const wall = (wid: string, a: Point, b: Point, exterior = false) => {
    const w: Wall = {
      id: wid,
      a,
      b,
      thickness: exterior ? EXTERIOR : INTERIOR,
      height: storeyHeight,
      exterior,
    };
    walls.push(w);
    return w;
  };
  const northWall = wall(id('w', 'n'), { x: 0, y: 0 }, { x: width, y: 0 }, true);
  const eastWall = wall(id('w', 'o'), { x: width, y: 0 }, { x: width, y: depth }, true);
  const southWall = wall(id('w', 's'), { x: 0, y: depth }, { x: width, y: depth }, true);
  const westWall = wall(id('w', 'w'), { x: 0, y: 0 }, { x: 0, y: depth }, true);
  const corridorNorth = wall(id('w', 'fn'), { x: 0, y: corridorTop }, { x: width, y: corridorTop });
  const corridorSouth = wall(id('w', 'fs'), { x: 0, y: corridorBottom }, { x: width, y: corridorBottom });
  placed.forEach((p, i) => {
    const last = placed[i + 1];
    if (last && last.band === p.band) wall(id('w', `t${i}`), { x: p.x1, y: p.y0 }, { x: p.x1, y: p.y1 });
  });

  const openings: Opening[] = [];
  const open = (o: Omit<Opening, 'id'>) => openings.push({ ...o, id: id('o', openings.length) });
  const centre = (p: Placed) => (p.x0 + p.x1) / 2;
  for (const p of placed) {
    const corridorWall = p.band === 'nord' ? corridorNorth : corridorSouth;
    const doorWidth = Math.min(DOOR.width, (p.x1 - p.x0) * 0.6);
    open({
      wallId: corridorWall.id,
      kind: 'tuer',
      offset: round(centre(p)),
      width: round(doorWidth),
      height: DOOR.height,
      sill: 0,
    });
    if (!HABITABLE.includes(p.room.type)) continue;
    const outer = p.band === 'nord' ? northWall : southWall;
    const balcony = p.room.type === 'wohnen' && balconies.length > 0 && p.band === 'sued';
    const w = Math.min(balcony ? 1.76 : p.room.type === 'bad' ? 0.76 : 1.26, (p.x1 - p.x0) * 0.6);
    open(
      balcony
        ? {
            wallId: outer.id,
            kind: 'balkontuer',
            offset: round(centre(p)),
            width: round(w),
            height: 2.135,
            sill: 0,
          }
        : {
            wallId: outer.id,
            kind: 'fenster',
            offset: round(centre(p)),
            width: round(w),
            height: p.room.type === 'bad' ? 0.76 : 1.385,
            sill: p.room.type === 'bad' ? 1.3 : 0.885,
          },
    );
  }
  // The entrance on the ground floor leads into the corridor from the west.
  if (index === 0)
    open({
      wallId: westWall.id,
      kind: 'tuer',
      offset: round((corridorTop + corridorBottom) / 2),
      width: ENTRANCE.width,
      height: ENTRANCE.height,
      sill: 0,
    });
  // The corridor's east end gets a window when nothing else lights it.
  if (index > 0 || !withStairs)
    open({
      wallId: eastWall.id,
      kind: 'fenster',
      offset: round((corridorTop + corridorBottom) / 2),
      width: 0.76,
      height: 1.01,
      sill: 1.1,
    });

  const roomList: Room[] = placed.map((p, i) => ({
    id: id('r', i),
    name: p.room.name,
    type: p.room.type,
    polygon: rect(p.x0, p.y0, p.x1, p.y1),
  }));
  roomList.push({
    id: id('r', 'flur'),
    name: rooms.find((r) => r.type === 'flur')?.name ?? 'Flur',
    type: 'flur',
    polygon: rect(0, corridorTop, width, corridorBottom),
  });
  const living =
    placed.find((p) => p.room.type === 'wohnen' && p.band === 'sued') ??
    placed.find((p) => p.band === 'sued');
  // The first balcony in front of the living room, further ones beside it along the south front.
  let cursor: number | null = null;
  for (const [i, b] of balconies.entries()) {
    const bw = Math.min(width, Math.max(2, b.area / BALCONY_DEPTH));
    const wanted = cursor ?? (living ? centre(living) : width / 2) - bw / 2;
    const x0 = Math.max(0, Math.min(width - bw, wanted));
    cursor = x0 + bw;
    roomList.push({
      id: id('r', `b${i}`),
      name: b.name,
      type: b.type,
      polygon: rect(x0, depth, x0 + bw, depth + BALCONY_DEPTH),
    });
  }
  const stairs = withStairs
    ? [
        {
          id: id('s', 0),
          polygon: rect(width - 3.2, corridorTop + 0.1, width - 0.2, corridorBottom - 0.1),
          from: { x: round(width - 3.2), y: round((corridorTop + corridorBottom) / 2) },
          to: { x: round(width - 0.2), y: round((corridorTop + corridorBottom) / 2) },
          steps: 16,
        },
      ]
    : [];
  return {
    id: `f${index}`,
    name: index === 0 ? 'Erdgeschoss' : index === 1 ? 'Obergeschoss' : `${index}. Obergeschoss`,
    elevation: round(index * (storeyHeight + 0.3)),
    height: storeyHeight,
    walls,
    openings,
    rooms: roomList,
    stairs,
  };
}

function minBy(list: ProgramRoom[]): ProgramRoom {
  return list.reduce((a, b) => (b.area < a.area ? b : a));
}

/** The layout's indoor area may differ this much (m²) from the program's. */
const AREA_TOLERANCE = 0.5;

/** Balconies and terraces lie outside; their size is not scaled with the rooms. */
const isIndoor = (type: RoomType) => type !== 'balkon' && type !== 'terrasse';

/**
 * Turns a room program into a building model: one floor layout per storey, same footprint.
 * Corridors, stairs and the rounding of a footprint to whole rooms make a layout larger than the
 * rooms it was given (a "105 m²" description came out at 114–142 m²); with `matchArea` the
 * rooms are scaled until the indoor area of the model is the program's again. Templates keep
 * their drawn sizes: the plan reader's tests and benchmark are measured on them.
 */
export function layoutProgram(program: RoomProgram, options: { matchArea?: boolean } = {}): BuildingModel {
  if (!options.matchArea) return layoutScaled(program, 1);
  const wanted = program.rooms.filter((r) => isIndoor(r.type)).reduce((s, r) => s + r.area, 0);
  const indoorArea = (model: BuildingModel) =>
    model.floors
      .flatMap((f) => f.rooms)
      .filter((r) => isIndoor(r.type))
      .reduce((s, r) => s + livingArea(r), 0);
  const asDrawn = layoutScaled(program, 1);
  let scale = 1;
  let model = asDrawn;
  for (let step = 0; step < 6 && wanted > 0; step++) {
    const area = indoorArea(model);
    if (Math.abs(area - wanted) <= AREA_TOLERANCE) break;
    scale *= wanted / area;
    model = layoutScaled(program, scale);
  }
  // A program too small for its rooms' doors once shrunk keeps the larger layout.
  return buildingModelSchema.safeParse(model).success ? model : asDrawn;
}

/** The layout of a program whose indoor rooms are `scale` times as large as asked. */
function layoutScaled(program: RoomProgram, scale: number): BuildingModel {
  const scaled = program.rooms.map((r) => (isIndoor(r.type) ? { ...r, area: r.area * scale } : r));
  const floors = Array.from({ length: program.floors }, (_, i) =>
    scaled.filter((r) => Math.min(r.floor, program.floors - 1) === i),
  );
  const inner = (list: ProgramRoom[]) => list.filter((r) => isIndoor(r.type)).reduce((s, r) => s + r.area, 0);
  const biggest = Math.max(...floors.map(inner), 20);
  // A footprint about 1.5 times as wide as deep, corridor included.
  const width = Math.round(Math.sqrt((biggest + CORRIDOR_DEPTH * Math.sqrt(biggest)) * 1.5) * 100) / 100;
  return {
    version: MODEL_VERSION,
    name: program.name,
    floors: floors.map((rooms, i) => layoutFloor(rooms, i, width, program.storeyHeight, program.floors > 1)),
  };
}
