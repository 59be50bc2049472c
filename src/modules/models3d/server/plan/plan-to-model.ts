import type { BuildingModel, Opening, Point, Room, Wall } from '../../domain/building-model.js';
import { MODEL_VERSION } from '../../domain/building-model.js';
import { polygonArea } from '../../domain/geometry.js';
import { pointInPolygon, roomsFromWalls } from '../../domain/rooms-from-walls.js';
import type { PixelPlan, PixelWall } from './detect-walls.js';
import { PlanNotReadable } from './detect-walls.js';
import { median } from './fit-walls.js';

/** DIN 18101: the structural opening of the common interior door. */
export const STANDARD_DOOR_WIDTH = 0.885;
const TYPICAL_EXTERIOR_WALL = 0.3;
const STOREY_HEIGHT = 2.6;

export interface ScaleReference {
  /** Two points in the uploaded image's pixels and their real distance. */
  a: Point;
  b: Point;
  metres: number;
}

/**
 * `beschriftung`: from room sizes printed on the plan; `annahme`: no walls or doors to
 * measure, the drawing is taken to be about 12 m long.
 */
export type ScaleSource = 'referenz' | 'beschriftung' | 'tuerbreite' | 'wandstaerke' | 'annahme';

export interface PlanScale {
  pxPerMetre: number;
  source: ScaleSource;
}

/**
 * Pixels per metre: from the user's reference line when given; then from room sizes printed
 * on the plan (`printed`, already measured); otherwise the median interior
 * door gap is taken as a standard door; without doors the thickest walls as exterior walls.
 * `imageScale` is working pixels per uploaded pixel (the image may have been resized).
 */
export function planScale(
  plan: PixelPlan,
  reference: ScaleReference | undefined,
  imageScale: number,
  printed: number | null = null,
): PlanScale {
  if (reference) {
    const px = Math.hypot(reference.b.x - reference.a.x, reference.b.y - reference.a.y) * imageScale;
    return { pxPerMetre: px / reference.metres, source: 'referenz' };
  }
  // What the plan says of its rooms beats any assumption about door widths or walls.
  if (printed) return { pxPerMetre: printed, source: 'beschriftung' };
  if (plan.walls.length === 0) return { pxPerMetre: plan.roughPxPerMetre, source: 'annahme' };
  const thickest = Math.max(...plan.walls.map((w) => w.thickness));
  const doors = plan.openings.filter((o) => o.kind === 'tuer');
  const interior = doors.filter((o) => (plan.walls[o.wall]?.thickness ?? thickest) < thickest * 0.75);
  const widths = (interior.length > 0 ? interior : doors).map((o) => o.end - o.start);
  if (widths.length > 0) return { pxPerMetre: median(widths) / STANDARD_DOOR_WIDTH, source: 'tuerbreite' };
  return { pxPerMetre: thickest / TYPICAL_EXTERIOR_WALL, source: 'wandstaerke' };
}

/** The top-left corner of all walls in working pixels: the model's origin. */
export function planOrigin(plan: PixelPlan): Point {
  const corners = [
    ...plan.walls.map((w) =>
      w.orientation === 'h' ? { x: w.start, y: w.centre } : { x: w.centre, y: w.start },
    ),
    ...plan.traced.flatMap((w) => [w.a, w.b]),
    ...plan.rooms.flat(),
  ];
  return { x: Math.min(...corners.map((p) => p.x)), y: Math.min(...corners.map((p) => p.y)) };
}

const cm = (n: number) => Math.round(n * 100) / 100;

/**
 * The graph's rooms must cover this share of the floor the ink regions cover; the regions
 * leave out furniture, so on a plan the graph understood they cover less. R3D train, solid
 * walls: rooms exact 15,6 → 17,7 %, within ±1 41,1 → 48,9 %, room IoU 52,8 → 55,4 %.
 */
const GRAPH_AREA_SHARE = 0.9;

/**
 * Rooms from the wall graph are exact when the vectoriser understood the plan (its walls
 * explain the wall pixels and close most rooms); otherwise the regions between the ink are
 * the better answer: they follow thin, diagonal and curved walls the graph does not have.
 */
function chooseRooms(plan: PixelPlan, walls: Wall[], toMetres: (outline: Point[]) => Point[]): Room[] {
  const fromWalls = roomsFromWalls(walls);
  const areas = fromWalls.map((r) => polygonArea(r.polygon));
  const total = areas.reduce((sum, a) => sum + a, 0);
  // One room holding most of the floor is rooms leaking into each other through lost walls.
  const understood = plan.explained >= 0.85 && fromWalls.length >= 2 && Math.max(...areas) < total * 0.6;
  // The regions between the ink cover much more floor than the graph's rooms: the graph lost
  // rooms whose walls it did not close (a window drawn as a white box, a wall drawn thin).
  // More regions alone say little: furniture and necks split a room the graph has right.
  const inkRooms = plan.rooms.map(toMetres);
  const inkArea = inkRooms.reduce((sum, r) => sum + polygonArea(r), 0);
  if ((understood && total >= inkArea * GRAPH_AREA_SHARE) || plan.rooms.length === 0) return fromWalls;
  return inkRooms
    .sort((p, q) => polygonArea(q) - polygonArea(p))
    .map((polygon, i) => ({ id: `r${i + 1}`, name: `Raum ${i + 1}`, type: 'sonstiges', polygon }));
}

/**
 * The detected plan as a one-floor building model in metres, origin at the top-left wall
 * corner. Rooms are the enclosed regions; a wall is exterior when one side lies outside every
 * room. Opening heights are the usual ones (door 2,01 m; window 1,385 m over a 0,885 m sill).
 */
export function planToModel(plan: PixelPlan, scale: PlanScale, name: string): BuildingModel {
  const s = scale.pxPerMetre;
  const { x: originX, y: originY } = planOrigin(plan);
  const point = (wall: PixelWall, along: number): Point =>
    wall.orientation === 'h'
      ? { x: cm((along - originX) / s), y: cm((wall.centre - originY) / s) }
      : { x: cm((wall.centre - originX) / s), y: cm((along - originY) / s) };
  const metres = (p: Point): Point => ({ x: cm((p.x - originX) / s), y: cm((p.y - originY) / s) });
  const walls: Wall[] = [
    ...plan.walls.map((w) => ({ a: point(w, w.start), b: point(w, w.end), thickness: w.thickness })),
    ...plan.traced.map((w) => ({ a: metres(w.a), b: metres(w.b), thickness: w.thickness })),
  ].map((w, i) => ({
    id: `w${i + 1}`,
    a: w.a,
    b: w.b,
    thickness: Math.min(1, Math.max(0.05, cm(w.thickness / s))),
    height: STOREY_HEIGHT,
    exterior: false,
  }));
  const rooms = chooseRooms(plan, walls, (outline) => outline.map(metres));
  if (rooms.length === 0)
    throw new PlanNotReadable(
      'no_rooms',
      'Wände gefunden, aber kein geschlossener Raum. Ist der Grundriss vollständig auf dem Bild?',
    );
  for (const wall of walls) {
    const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
    const mid = { x: (wall.a.x + wall.b.x) / 2, y: (wall.a.y + wall.b.y) / 2 };
    const normal = { x: -(wall.b.y - wall.a.y) / length, y: (wall.b.x - wall.a.x) / length };
    const probe = wall.thickness / 2 + 0.15;
    const inside = [1, -1].map((side) =>
      rooms.some((r) =>
        pointInPolygon({ x: mid.x + normal.x * probe * side, y: mid.y + normal.y * probe * side }, r.polygon),
      ),
    );
    wall.exterior = inside.includes(false);
  }
  const openings: Opening[] = plan.openings.flatMap((o, i) => {
    const wall = walls[o.wall];
    const pixelWall = plan.walls[o.wall];
    if (!wall || !pixelWall) return [];
    const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
    // Rounded down and clamped after rounding: a window spanning its whole wall (a glazed
    // façade) stuck out by half a centimetre when width and offset were each rounded.
    const width = Math.floor(Math.min((o.end - o.start) / s, length) * 100) / 100;
    if (width < 0.3) return [];
    const offset = Math.max(
      width / 2,
      Math.min(length - width / 2, cm(((o.start + o.end) / 2 - pixelWall.start) / s)),
    );
    const kind = o.kind === 'tuer' && wall.exterior && width >= 1.5 ? 'balkontuer' : o.kind;
    return [
      kind === 'fenster'
        ? { id: `o${i + 1}`, wallId: wall.id, kind, offset, width, height: 1.385, sill: 0.885 }
        : {
            id: `o${i + 1}`,
            wallId: wall.id,
            kind,
            offset,
            width,
            height: kind === 'balkontuer' ? 2.135 : 2.01,
            sill: 0,
          },
    ];
  });
  return {
    version: MODEL_VERSION,
    name,
    floors: [
      {
        id: 'f0',
        name: 'Erdgeschoss',
        elevation: 0,
        height: STOREY_HEIGHT,
        walls,
        openings,
        rooms,
        stairs: [],
      },
    ],
  };
}
