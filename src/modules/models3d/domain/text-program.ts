import type { RoomType } from './building-model.js';
import type { ProgramRoom, RoomProgram } from './room-program.js';

/** What the rule-based reader understood, so the UI can show it next to the plan. */
export interface TextReading {
  program: RoomProgram;
  understood: string[];
}

const number = (s: string) => Number(s.replace(',', '.'));
const has = (text: string, pattern: RegExp) => pattern.test(text);

/**
 * Reads a German or English description ("3-Zimmer-Wohnung, 85 m², offene Küche, Balkon nach
 * Süden") into a room program without any AI service: counts rooms, living area, house or
 * flat, and the features that change the plan. German counting: "Zimmer" are living and
 * bedrooms, not kitchen, bath or hall.
 */
export function readDescription(input: string): TextReading {
  const text = input.toLowerCase().replace(/\s+/g, ' ');
  const understood: string[] = [];

  const bedroomsEn = text.match(/(\d+)\s*-?\s*(?:bed(?:room)?s?\b|br\b)/);
  const roomsDe = text.match(/(\d+(?:[.,]5)?)\s*-?\s*(?:zimmer|zi\b|zi\.|raum|räume|room|rooms)\b/);
  let rooms = 3;
  if (bedroomsEn) {
    rooms = Number(bedroomsEn[1]) + 1;
    understood.push(`${bedroomsEn[1]} Schlafzimmer`);
  } else if (roomsDe) {
    rooms = Math.floor(number(roomsDe[1] ?? '3'));
    understood.push(`${roomsDe[1]} Zimmer`);
  } else if (has(text, /studio|apartment|1-zimmer|einzimmer/)) {
    rooms = 1;
    understood.push('1 Zimmer');
  }
  rooms = Math.min(8, Math.max(1, rooms));

  const areaMatch = text.match(/(\d+(?:[.,]\d+)?)\s*(?:m²|m2|qm|sqm|quadratmeter|square met)/);
  const house = has(text, /\b(haus|house|einfamilienhaus|reihenhaus|doppelhaus\w*|villa|bungalow)\b/);
  const twoFloors =
    has(
      text,
      /(zwei|2)\s*(geschosse|etagen|stockwerke|ebenen|floors|storeys|stories|levels)|obergeschoss|maisonette/,
    ) ||
    (house && !has(text, /bungalow|ebenerdig|one (floor|storey)|ein geschoss/));
  if (house) understood.push('Haus');
  if (twoFloors) understood.push('zwei Geschosse');

  const openKitchen = has(text, /offene[nr]? küche|wohnküche|open[- ]plan|open kitchen/);
  const balcony = has(text, /balkon|balcony|loggia/);
  const terrace = has(text, /terrasse|terrace|garten|garden/);
  const guestWc = has(text, /gäste-?wc|gäste-?toilette|guest (wc|toilet)|separates wc/);
  const study = has(text, /arbeitszimmer|büro|home ?office|study\b/);
  const storage = has(text, /abstellraum|abstellkammer|storage|speisekammer/);
  const utility = has(text, /hauswirtschaft|hwr|utility|waschküche/);
  const twoBaths = has(text, /(zwei|2) (bäder|badezimmer|bathrooms)|en-?suite|master-?bad/);
  for (const [flag, label] of [
    [openKitchen, 'offene Küche'],
    [balcony, 'Balkon'],
    [terrace, 'Terrasse'],
    [guestWc, 'Gäste-WC'],
    [study, 'Arbeitszimmer'],
    [storage, 'Abstellraum'],
    [utility, 'Hauswirtschaftsraum'],
    [twoBaths, 'zwei Bäder'],
  ] as const)
    if (flag) understood.push(label);

  // A room program in typical proportions, then scaled to the stated area.
  const r = (type: RoomType, name: string, area: number, floor = 0): ProgramRoom => ({
    type,
    name,
    area,
    floor,
  });
  const upper = twoFloors ? 1 : 0;
  const list: ProgramRoom[] = [];
  list.push(
    r(
      'wohnen',
      openKitchen ? 'Wohnen/Kochen' : rooms === 1 ? 'Wohnen/Schlafen' : 'Wohnzimmer',
      openKitchen ? 34 : 26,
    ),
  );
  if (!openKitchen) list.push(r('kochen', 'Küche', 9));
  const bedrooms = Math.max(0, rooms - 1 - (study ? 1 : 0));
  for (let i = 0; i < bedrooms; i++)
    list.push(
      i === 0 ? r('schlafen', 'Schlafzimmer', 14, upper) : r('kind', `Kinderzimmer ${i}`, 11.5, upper),
    );
  if (study) list.push(r('arbeiten', 'Arbeitszimmer', 10));
  list.push(r('bad', 'Bad', 6.5, upper));
  if (twoBaths) list.push(r('bad', 'Duschbad', 4.5, upper));
  if (guestWc || twoFloors) list.push(r('wc', 'Gäste-WC', 2.2));
  if (storage) list.push(r('abstellraum', 'Abstellraum', 2.5));
  if (utility) list.push(r('hauswirtschaft', 'Hauswirtschaft', 5));
  list.push(r('flur', twoFloors ? 'Diele' : 'Flur', 7));
  if (twoFloors) list.push(r('flur', 'Flur', 6, 1));
  if (balcony) list.push(r('balkon', 'Balkon', 6, upper));
  if (terrace) list.push(r('terrasse', 'Terrasse', 12));

  const inside = list.filter((x) => x.type !== 'balkon' && x.type !== 'terrasse');
  const natural = inside.reduce((s, x) => s + x.area, 0);
  const wanted = areaMatch ? number(areaMatch[1] ?? '0') : null;
  if (wanted && wanted >= 15 && wanted <= 1000) {
    understood.push(`${wanted} m²`);
    const factor = wanted / natural;
    for (const room of inside) room.area = Math.round(room.area * factor * 10) / 10;
  }
  const kind = house ? 'Haus' : rooms === 1 ? 'Apartment' : `${rooms}-Zimmer-Wohnung`;
  return {
    program: { name: kind, floors: twoFloors ? 2 : 1, storeyHeight: 2.6, rooms: list },
    understood,
  };
}
