import type { BuildingModel } from './building-model.js';
import { layoutProgram } from './layout.js';
import type { ProgramRoom, RoomProgram } from './room-program.js';

export interface TemplateParameters {
  /** Scales every room so the living area comes close to this (m²). */
  livingArea?: number;
  storeyHeight?: number;
  balcony?: boolean;
}

interface Template {
  id: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
  floors: number;
  rooms: ProgramRoom[];
}

const r = (type: ProgramRoom['type'], name: string, area: number, floor = 0): ProgramRoom => ({
  type,
  name,
  area,
  floor,
});

export const TEMPLATES: Template[] = [
  {
    id: 'studio',
    name: { de: 'Studio / 1-Zimmer-Apartment', en: 'Studio apartment' },
    description: {
      de: 'Wohn-/Schlafraum mit Kochnische, Bad, Balkon.',
      en: 'Living/sleeping room with kitchenette, bathroom, balcony.',
    },
    floors: 1,
    rooms: [
      r('wohnen', 'Wohnen/Schlafen', 24),
      r('kochen', 'Küche', 6),
      r('bad', 'Bad', 4.5),
      r('balkon', 'Balkon', 4),
    ],
  },
  {
    id: '2-zimmer',
    name: { de: '2-Zimmer-Wohnung', en: '2-room flat' },
    description: {
      de: 'Wohnzimmer, Schlafzimmer, Küche, Bad, Flur, Balkon.',
      en: 'Living room, bedroom, kitchen, bathroom, hall, balcony.',
    },
    floors: 1,
    rooms: [
      r('wohnen', 'Wohnzimmer', 22),
      r('schlafen', 'Schlafzimmer', 14),
      r('kochen', 'Küche', 8),
      r('bad', 'Bad', 5.5),
      r('flur', 'Flur', 6),
      r('balkon', 'Balkon', 5),
    ],
  },
  {
    id: '3-zimmer',
    name: { de: '3-Zimmer-Wohnung', en: '3-room flat' },
    description: {
      de: 'Wohnen, zwei Schlafräume, Küche, Bad, WC, Flur, Balkon.',
      en: 'Living, two bedrooms, kitchen, bath, WC, hall, balcony.',
    },
    floors: 1,
    rooms: [
      r('wohnen', 'Wohnzimmer', 26),
      r('schlafen', 'Schlafzimmer', 14),
      r('kind', 'Kinderzimmer', 11),
      r('kochen', 'Küche', 9),
      r('bad', 'Bad', 6),
      r('wc', 'Gäste-WC', 2),
      r('flur', 'Flur', 8),
      r('balkon', 'Balkon', 6),
    ],
  },
  {
    id: '4-zimmer',
    name: { de: '4-Zimmer-Wohnung', en: '4-room flat' },
    description: {
      de: 'Wohnen mit Essplatz, drei Schlafräume, Küche, Bad, WC, Abstellraum, Balkon.',
      en: 'Living/dining, three bedrooms, kitchen, bath, WC, storage, balcony.',
    },
    floors: 1,
    rooms: [
      r('wohnen', 'Wohnen/Essen', 32),
      r('schlafen', 'Schlafzimmer', 15),
      r('kind', 'Kinderzimmer 1', 12),
      r('kind', 'Kinderzimmer 2', 11),
      r('kochen', 'Küche', 10),
      r('bad', 'Bad', 7),
      r('wc', 'Gäste-WC', 2.5),
      r('abstellraum', 'Abstellraum', 2.5),
      r('flur', 'Flur', 10),
      r('balkon', 'Balkon', 8),
    ],
  },
  {
    id: 'reihenhaus',
    name: { de: 'Reihenhaus', en: 'Terraced house' },
    description: {
      de: 'EG: Wohnen, Küche, WC, Terrasse. OG: zwei Schlafräume, Bad.',
      en: 'Ground: living, kitchen, WC, terrace. Upper: two bedrooms, bath.',
    },
    floors: 2,
    rooms: [
      r('wohnen', 'Wohnen/Essen', 30),
      r('kochen', 'Küche', 9),
      r('wc', 'Gäste-WC', 2.5),
      r('flur', 'Diele', 7),
      r('terrasse', 'Terrasse', 12),
      r('schlafen', 'Schlafzimmer', 14, 1),
      r('kind', 'Kinderzimmer', 12, 1),
      r('bad', 'Bad', 8, 1),
      r('flur', 'Flur', 6, 1),
    ],
  },
  {
    id: 'einfamilienhaus',
    name: { de: 'Einfamilienhaus, zwei Geschosse', en: 'Detached house, two floors' },
    description: {
      de: 'EG: Wohnen, Essen, Küche, Arbeiten, WC, HWR, Terrasse. OG: drei Schlafräume, Bad, Balkon.',
      en: 'Ground: living, dining, kitchen, study, WC, utility, terrace. Upper: three bedrooms, bath, balcony.',
    },
    floors: 2,
    rooms: [
      r('wohnen', 'Wohnzimmer', 32),
      r('essen', 'Essen', 14),
      r('kochen', 'Küche', 12),
      r('arbeiten', 'Arbeitszimmer', 10),
      r('wc', 'Gäste-WC', 3),
      r('hauswirtschaft', 'Hauswirtschaft', 6),
      r('flur', 'Diele', 10),
      r('terrasse', 'Terrasse', 16),
      r('schlafen', 'Elternschlafzimmer', 18, 1),
      r('kind', 'Kinderzimmer 1', 13, 1),
      r('kind', 'Kinderzimmer 2', 13, 1),
      r('bad', 'Bad', 10, 1),
      r('abstellraum', 'Ankleide', 5, 1),
      r('flur', 'Flur', 9, 1),
      r('balkon', 'Balkon', 6, 1),
    ],
  },
  {
    id: 'penthouse',
    name: { de: 'Penthouse mit Dachterrasse', en: 'Penthouse with roof terrace' },
    description: {
      de: 'Großer Wohn-/Essbereich, zwei Schlafräume mit Bädern, Dachterrasse.',
      en: 'Large living/dining, two bedrooms with baths, roof terrace.',
    },
    floors: 1,
    rooms: [
      r('wohnen', 'Wohnen/Essen', 48),
      r('kochen', 'Küche', 12),
      r('schlafen', 'Master-Schlafzimmer', 20),
      r('schlafen', 'Gästezimmer', 14),
      r('bad', 'Master-Bad', 10),
      r('bad', 'Duschbad', 6),
      r('abstellraum', 'Abstellraum', 4),
      r('flur', 'Flur', 10),
      r('terrasse', 'Dachterrasse', 40),
    ],
  },
];

/** The template's room program, scaled and adjusted by the parameters. */
export function templateProgram(id: string, params: TemplateParameters = {}): RoomProgram | null {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) return null;
  let rooms = template.rooms.filter(
    (room) => params.balcony !== false || (room.type !== 'balkon' && room.type !== 'terrasse'),
  );
  if (params.livingArea) {
    const inside = rooms.filter((room) => room.type !== 'balkon' && room.type !== 'terrasse');
    const factor = params.livingArea / inside.reduce((s, room) => s + room.area, 0);
    rooms = rooms.map((room) =>
      room.type === 'balkon' || room.type === 'terrasse'
        ? room
        : { ...room, area: Math.round(room.area * factor * 10) / 10 },
    );
  }
  return { name: template.name.de, floors: template.floors, storeyHeight: params.storeyHeight ?? 2.6, rooms };
}

export function templateModel(id: string, params?: TemplateParameters): BuildingModel | null {
  const program = templateProgram(id, params);
  return program ? layoutProgram(program) : null;
}
