import { describe, expect, it } from 'vitest';
import {
  countDe,
  countEn,
  floorDe,
  floorEn,
  formatEuros,
  joinList,
  ordinalEn,
  Phrasing,
  wordCount,
} from './phrasing.js';

describe('phrasing', () => {
  it('agrees English counts with their number', () => {
    expect(countEn(1, 'bedroom')).toBe('1 bedroom');
    expect(countEn(2, 'bedroom')).toBe('2 bedrooms');
    expect(countEn(3.5, 'room')).toBe('3.5 rooms');
    expect(countDe(1, 'Stellplatz', 'Stellplätze')).toBe('1 Stellplatz');
    expect(countDe(2, 'Stellplatz', 'Stellplätze')).toBe('2 Stellplätze');
    expect(countDe(3.5, 'Zimmer')).toBe('3,5 Zimmer');
  });

  it('names floors and ordinals correctly', () => {
    expect(floorDe(0)).toBe('im Erdgeschoss');
    expect(floorDe(3)).toBe('im 3. Obergeschoss');
    expect(floorEn(0)).toBe('on the ground floor');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinalEn)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ]);
  });

  it('formats money per language and joins lists', () => {
    expect(formatEuros(49_500_000, 'de')).toBe('495.000\u00a0€');
    expect(formatEuros(49_500_000, 'en')).toBe('€495,000');
    expect(joinList(['Balkon', 'Keller', 'Aufzug'], 'de')).toBe('Balkon, Keller und Aufzug');
    expect(joinList(['a balcony'], 'en')).toBe('a balcony');
  });

  it('repeats a phrasing for the same seed and varies it across seeds', () => {
    const options = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const run = (seed: string) =>
      Array.from({ length: 6 }, (_, i) => new Phrasing(`${seed}`).pick(options) + i);
    expect(run('x')).toEqual(run('x'));
    const picks = new Set(Array.from({ length: 30 }, (_, i) => new Phrasing(`seed-${i}`).pick(options)));
    expect(picks.size).toBeGreaterThan(3);
  });

  it('counts words, not symbols', () => {
    expect(wordCount('Die Wohnung – 85 m² · hell')).toBe(5);
  });
});
