import { describe, expect, it } from 'vitest';
import type { Room } from './building-model.js';
import { nameRoomsFromWords, roomNameOfLabel, roomTypeOfLabel } from './room-label.js';

const square = (id: string, x: number): Room => ({
  id,
  name: `Raum ${id}`,
  type: 'sonstiges',
  polygon: [
    { x, y: 0 },
    { x: x + 4, y: 0 },
    { x: x + 4, y: 4 },
    { x, y: 4 },
  ],
});

describe('room names read from a plan', () => {
  it('knows the usual German and English room names', () => {
    expect(roomTypeOfLabel('Wohnen/Kochen')).toBe('wohnen');
    expect(roomTypeOfLabel('Küche')).toBe('kochen');
    expect(roomTypeOfLabel('Gäste-WC')).toBe('wc');
    expect(roomTypeOfLabel('Gäste-')).toBe('wc');
    expect(roomTypeOfLabel('Gästezimmer')).toBe('schlafen');
    expect(roomTypeOfLabel('Kinderzimmer 2')).toBe('kind');
    expect(roomTypeOfLabel('HWR')).toBe('hauswirtschaft');
    expect(roomTypeOfLabel('Bedroom')).toBe('schlafen');
    expect(roomTypeOfLabel('Diele')).toBe('flur');
    expect(roomTypeOfLabel('Grundriss')).toBeNull();
    // Partly read labels get the usual name of their type.
    expect(roomNameOfLabel('Küc', 'kochen')).toBe('Küche');
    expect(roomNameOfLabel('Gäste-', 'wc')).toBe('Gäste-WC');
    expect(roomNameOfLabel('Arbeitszimmer', 'arbeiten')).toBe('Arbeitszimmer');
  });

  it('names each room after the words inside it, ignoring areas and dimensions', () => {
    const rooms = [square('1', 0), square('2', 4), square('3', 8)];
    const named = nameRoomsFromWords(rooms, [
      { text: 'Schlafzimmer', at: { x: 2, y: 1.8 } },
      { text: '14,00', at: { x: 2, y: 2.3 } },
      { text: 'm²', at: { x: 2.6, y: 2.3 } },
      { text: 'Bad', at: { x: 6, y: 2 } },
      { text: 'Grundriss', at: { x: 10, y: 2 } },
    ]);
    expect(named.map((r) => [r.name, r.type])).toEqual([
      ['Schlafzimmer', 'schlafen'],
      ['Bad', 'bad'],
      ['Raum 3', 'sonstiges'],
    ]);
  });

  it('leaves out stray letters read from door swings before the name, and keeps a name of two words', () => {
    // Tesseract reads door arcs and hatching beside a label as "Vs AAA" or "VA".
    const rooms = [square('1', 0), square('2', 5), square('3', 10)];
    const named = nameRoomsFromWords(rooms, [
      { text: 'Vs', at: { x: 0.5, y: 1.8 } },
      { text: 'AAA', at: { x: 1.2, y: 1.8 } },
      { text: 'Flur', at: { x: 2, y: 1.8 } },
      { text: 'VA', at: { x: 5.5, y: 2 } },
      { text: 'Schlafzimmer', at: { x: 6.5, y: 2 } },
      { text: 'Wohnen', at: { x: 11, y: 2 } },
      { text: 'Essen', at: { x: 12, y: 2 } },
    ]);
    expect(named.map((r) => r.name)).toEqual(['Flur', 'Schlafzimmer', 'Wohnen Essen']);
  });
});
