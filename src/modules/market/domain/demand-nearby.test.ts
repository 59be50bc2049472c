import { describe, expect, it } from 'vitest';
import type { DemandArea } from './demand.js';
import { demandAround } from './demand-nearby.js';

const area = (postalCode: string, latitude: number, longitude: number, demand: number): DemandArea => ({
  postalCode,
  town: postalCode,
  latitude,
  longitude,
  searches: demand,
  inquiries: 0,
  viewings: 0,
  demand,
  supply: 1,
  demandPerOffer: demand,
});

// Konstanz (78462), Allensbach (78476), Radolfzell (78315) and Friedrichshafen (88045).
const AREAS = [
  area('88045', 47.6542, 9.4794, 9),
  area('78315', 47.7369, 8.9695, 1),
  area('78476', 47.7146, 9.0713, 2),
  area('78462', 47.6603, 9.1758, 5),
];

describe('demand around a property', () => {
  it('puts the own postal-code area first, then the nearest, from the property’s coordinates', () => {
    // Konstanz-Paradies: next door, but nothing sought or offered there, so it is left out.
    const quiet = { ...area('78467', 47.6744, 9.1649, 0), supply: 0, demandPerOffer: null };
    const r = demandAround(
      [...AREAS, quiet],
      { postalCode: '78476', latitude: 47.6603, longitude: 9.1758 },
      3,
    );
    expect(r.map((a) => a.postalCode)).toEqual(['78476', '78462', '78315']);
    expect(r[1]!.distanceKm).toBeCloseTo(0, 5);
    // Konstanz → Allensbach: about 9 km as the crow flies.
    expect(r[0]!.distanceKm).toBeGreaterThan(8);
    expect(r[0]!.distanceKm).toBeLessThan(10);
  });

  it('uses the centre of the postal-code area when the property has no coordinates', () => {
    const r = demandAround(AREAS, { postalCode: '78315', latitude: null, longitude: null }, 2);
    expect(r.map((a) => a.postalCode)).toEqual(['78315', '78476']);
    expect(r[0]!.distanceKm).toBe(0);
  });

  it('falls back to the areas with the most demand for a code outside the region', () => {
    const r = demandAround(AREAS, { postalCode: '10115', latitude: null, longitude: null }, 2);
    expect(r.map((a) => [a.postalCode, a.distanceKm])).toEqual([
      ['88045', null],
      ['78462', null],
    ]);
  });
});
