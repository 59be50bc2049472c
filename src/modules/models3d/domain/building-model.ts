import { z } from 'zod';

/**
 * The building model every input produces (templates, text, the 2D editor, floor-plan
 * recognition) and every output reads (GLB, OBJ, viewer). Metres, x to the east, y to the
 * south on the plan (screen coordinates), z up in 3D. Versioned: readers refuse what they
 * do not know instead of guessing.
 */
export const MODEL_VERSION = 1 as const;

const metres = (max: number) => z.number().finite().min(0).max(max);
export const pointSchema = z.object({
  x: z.number().finite().min(-500).max(500),
  y: z.number().finite().min(-500).max(500),
});
export type Point = z.infer<typeof pointSchema>;

export const ROOM_TYPES = [
  'wohnen',
  'kochen',
  'essen',
  'schlafen',
  'kind',
  'arbeiten',
  'bad',
  'wc',
  'flur',
  'abstellraum',
  'hauswirtschaft',
  'balkon',
  'terrasse',
  'treppe',
  'sonstiges',
] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const wallSchema = z.object({
  id: z.string().min(1).max(64),
  a: pointSchema,
  b: pointSchema,
  thickness: metres(2).min(0.05),
  height: metres(20).min(1),
  /** Exterior walls get windows and a facade material. */
  exterior: z.boolean().default(false),
});
export type Wall = z.infer<typeof wallSchema>;

export const openingSchema = z.object({
  id: z.string().min(1).max(64),
  wallId: z.string().min(1).max(64),
  kind: z.enum(['tuer', 'fenster', 'balkontuer']),
  /** Distance of the opening's centre from the wall's start point `a`. */
  offset: metres(200),
  width: metres(10).min(0.3),
  height: metres(10).min(0.3),
  /** Height of the lower edge above the floor (0 for doors). */
  sill: metres(5),
});
export type Opening = z.infer<typeof openingSchema>;

export const roomSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  type: z.enum(ROOM_TYPES),
  polygon: z.array(pointSchema).min(3).max(200),
  /** Parts of the floor under a sloped ceiling, as shares of the room (WoFlV § 4). */
  slope: z
    .object({ belowOneMetre: z.number().min(0).max(1), oneToTwoMetres: z.number().min(0).max(1) })
    .refine((s) => s.belowOneMetre + s.oneToTwoMetres <= 1, { message: 'Anteile über 100 %.' })
    .optional(),
});
export type Room = z.infer<typeof roomSchema>;

export const stairSchema = z.object({
  id: z.string().min(1).max(64),
  polygon: z.array(pointSchema).min(3).max(20),
  /** Direction of ascent as the start and end of its centre line. */
  from: pointSchema,
  to: pointSchema,
  steps: z.number().int().min(2).max(40),
});

export const floorSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(60),
  /** Height of the finished floor above the ground floor's. */
  elevation: z.number().finite().min(-10).max(200),
  height: metres(20).min(2),
  walls: z.array(wallSchema).max(2000),
  openings: z.array(openingSchema).max(2000),
  rooms: z.array(roomSchema).max(500),
  stairs: z.array(stairSchema).max(20).default([]),
});
export type Floor = z.infer<typeof floorSchema>;

export const buildingModelSchema = z
  .object({
    version: z.literal(MODEL_VERSION),
    name: z.string().trim().min(1).max(120),
    floors: z.array(floorSchema).min(1).max(20),
    /** WoFlV § 4 No. 4: balconies and terraces count a quarter (default) or, where justified, half. */
    balconyShare: z.union([z.literal(0.25), z.literal(0.5)]).optional(),
  })
  .superRefine((model, ctx) => {
    for (const [f, floor] of model.floors.entries()) {
      const walls = new Map(floor.walls.map((w) => [w.id, w]));
      for (const [o, opening] of floor.openings.entries()) {
        const wall = walls.get(opening.wallId);
        if (!wall) {
          ctx.addIssue({
            code: 'custom',
            path: ['floors', f, 'openings', o, 'wallId'],
            message: 'Wand gibt es nicht.',
          });
          continue;
        }
        const length = Math.hypot(wall.b.x - wall.a.x, wall.b.y - wall.a.y);
        if (opening.offset - opening.width / 2 < -1e-6 || opening.offset + opening.width / 2 > length + 1e-6)
          ctx.addIssue({
            code: 'custom',
            path: ['floors', f, 'openings', o],
            message: 'Öffnung ragt über die Wand hinaus.',
          });
        if (opening.sill + opening.height > wall.height + 1e-6)
          ctx.addIssue({
            code: 'custom',
            path: ['floors', f, 'openings', o],
            message: 'Öffnung ist höher als die Wand.',
          });
      }
    }
  });
export type BuildingModel = z.infer<typeof buildingModelSchema>;
