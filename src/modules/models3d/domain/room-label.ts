import type { Point, Room, RoomType } from './building-model.js';
import { pointInPolygon } from './rooms-from-walls.js';

/** A word read from a plan, placed in model metres. */
export interface PlanWord {
  text: string;
  at: Point;
}

/** Usual German (and English) room names on plans, most specific first. */
const LABELS: [RegExp, RoomType][] = [
  // "Gäste-WC", also cut short as "Gäste-" or "Gäste-W"; but a "Gästezimmer" is a bedroom.
  [/g(ä|ae)ste\s*-\s*(w|$)|\bwc\b|toilette|w\.c\./i, 'wc'],
  [/wohn|living|lounge/i, 'wohnen'],
  [/k(ü|ue)c|kochen|kitchen/i, 'kochen'],
  [/essen|essz|dining/i, 'essen'],
  [/kind|child|kids/i, 'kind'],
  [/schlaf|eltern|bed|gast|g(ä|ae)ste/i, 'schlafen'],
  [/arbeit|b(ü|ue)ro|office|study/i, 'arbeiten'],
  [/bad|dusche|bath|shower/i, 'bad'],
  [/flur|diele|gang|eingang|windfang|hall|entr/i, 'flur'],
  [/hwr|hauswirt|wasch|technik|heiz|utility/i, 'hauswirtschaft'],
  [/abst|lager|speis|ankleide|storage|closet/i, 'abstellraum'],
  [/balkon|loggia|balcony/i, 'balkon'],
  [/terrasse|terrace|patio/i, 'terrasse'],
  [/treppe|stair/i, 'treppe'],
  [/zimmer|room/i, 'schlafen'],
];

/** What a room of a type is called when its label was only partly readable ("Küc"). */
const CANONICAL: Partial<Record<RoomType, string>> = {
  wohnen: 'Wohnen',
  kochen: 'Küche',
  essen: 'Essen',
  schlafen: 'Schlafen',
  kind: 'Kinderzimmer',
  arbeiten: 'Arbeiten',
  bad: 'Bad',
  wc: 'WC',
  flur: 'Flur',
  abstellraum: 'Abstellraum',
  hauswirtschaft: 'Hauswirtschaft',
  balkon: 'Balkon',
  terrasse: 'Terrasse',
  treppe: 'Treppe',
};
/** Endings of whole room names: such a label is used as read. */
const WHOLE =
  /(zimmer|raum|k(ü|ue)che|bad|wc|flur|diele|essen|wohnen|schlafen|kochen|arbeiten|balkon|terrasse|loggia|b(ü|ue)ro|galerie|ankleide|hwr|speis|windfang|eingang|studio)(\s*\d)?$/i;

/** The room's name from its label: as read when whole, else the usual name of its type. */
export function roomNameOfLabel(label: string, type: RoomType): string {
  if (WHOLE.test(label)) return label;
  if (type === 'wc' && /g(ä|ae)ste/i.test(label)) return 'Gäste-WC';
  return CANONICAL[type] ?? label;
}

export function roomTypeOfLabel(label: string): RoomType | null {
  for (const [pattern, type] of LABELS) if (pattern.test(label)) return type;
  return null;
}

/** A word that names something: letters, no figures (areas and dimensions are figures). */
const isName = (text: string) => /\p{L}{2,}/u.test(text) && !/\d/.test(text) && !/^m²?$/i.test(text);

/**
 * Names rooms after the words written inside them (read by OCR from the plan): the words of
 * the room that form a known room name become its name and give its type. Rooms without
 * such words keep what they have.
 */
export function nameRoomsFromWords(rooms: Room[], words: PlanWord[]): Room[] {
  return rooms.map((room) => {
    const inside = words.filter((w) => isName(w.text) && pointInPolygon(w.at, room.polygon));
    // Reading order: top to bottom, then left to right within a line (10 cm tolerance).
    inside.sort((p, q) => (Math.abs(p.at.y - q.at.y) > 0.1 ? p.at.y - q.at.y : p.at.x - q.at.x));
    const cleaned = inside.map((w) => ({ ...w, text: w.text.replace(/[^\p{L}\-/.]/gu, '') }));
    // The name starts at the first word that names a room: letters read from door swings or
    // hatching before it ("Vs AAA Flur") are left out; words after it on its line belong to it.
    const first = cleaned.find((w) => roomTypeOfLabel(w.text));
    const name = first
      ? cleaned
          .filter((w) => Math.abs(w.at.y - first.at.y) <= 0.1 && w.at.x >= first.at.x)
          .slice(0, 3)
          .map((w) => w.text)
          .join(' ')
          .trim()
      : '';
    const type = name ? roomTypeOfLabel(name) : null;
    if (!name || !type) return room;
    return { ...room, name: roomNameOfLabel(name, type).slice(0, 80), type };
  });
}
