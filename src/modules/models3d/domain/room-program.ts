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

/** The instruction for a language model that turns a description into a room program. */
export const ROOM_PROGRAM_SYSTEM = [
  'Du bist Architekt und erstellst aus der Beschreibung einer Wohnung oder eines Hauses ein Raumprogramm.',
  'Antworte nur mit dem Objekt nach dem Schema. Flächen in m² (Grundfläche je Raum), realistisch für den deutschen Wohnungsbau.',
  `Raumtypen: ${ROOM_TYPES.join(', ')}. Zimmer sind wohnen, schlafen, kind oder arbeiten; offene Küchen zählen zum Wohnraum (Typ wohnen, Name "Wohnen/Kochen").`,
  'Jede Wohnung hat einen Flur und mindestens ein Bad. Balkone und Terrassen als eigene Räume. floor 0 ist das Erdgeschoss.',
  'Nennt die Beschreibung eine Wohnfläche, soll die Summe der Innenräume (ohne Balkon/Terrasse) nahe daran liegen.',
  'Raumnamen auf Deutsch, wie sie in einem Exposé stünden. Der name des Programms beschreibt das Objekt kurz (z. B. "3-Zimmer-Wohnung").',
].join('\n');
