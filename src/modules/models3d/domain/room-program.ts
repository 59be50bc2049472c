import { z } from 'zod';
import { ROOM_TYPES } from './building-model.js';

/** What a home should hold, before anything is placed: the input of the layout. */
export const roomProgramSchema = z.object({
  name: z.string().trim().min(1).max(120),
  floors: z.number().int().min(1).max(4).default(1),
  storeyHeight: z.number().min(2.2).max(4).default(2.6),
  rooms: z
    .array(
      z.object({
        type: z.enum(ROOM_TYPES),
        name: z.string().trim().min(1).max(80),
        area: z.number().min(1).max(200),
        /** 0 = ground floor. */
        floor: z.number().int().min(0).max(3).default(0),
      }),
    )
    .min(1)
    .max(40),
});
export type RoomProgram = z.infer<typeof roomProgramSchema>;
export type ProgramRoom = RoomProgram['rooms'][number];
