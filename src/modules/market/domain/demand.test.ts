import { describe, expect, it } from 'vitest';
import { aggregateDemand, townKey } from './demand.js';
import { BODENSEE_POSTAL_POINTS, type PostalPoint } from './postal-points-bodensee.js';

const points: PostalPoint[] = [
  ['78462', 'Konstanz', 47.6613, 9.1752],
  ['78464', 'Konstanz', 47.6723, 9.1834],
  ['88131', 'Lindau (Bodensee)', 47.5584, 9.6876],
  ['88709', 'Meersburg', 47.6805, 9.2939],
];
const none = new Map<string, number>();

describe('aggregateDemand', () => {
  it('spreads a search request over the codes of the towns it names, so it counts once', () => {
    const { areas, unplaced } = aggregateDemand(
      {
        searchTowns: [['Konstanz', 'Lindau'], ['Meersburg'], ['Berlin']],
        inquiriesByPostalCode: none,
        viewingsByPostalCode: none,
        supplyByPostalCode: none,
      },
      points,
    );
    const by = new Map(areas.map((a) => [a.postalCode, a]));
    expect(by.get('78462')!.searches).toBeCloseTo(1 / 3, 2);
    expect(by.get('78464')!.searches).toBeCloseTo(1 / 3, 2);
    expect(by.get('88131')!.searches).toBeCloseTo(1 / 3, 2);
    expect(by.get('88709')!.searches).toBe(1);
    expect(areas.reduce((s, a) => s + a.searches, 0)).toBeCloseTo(2, 1);
    expect(unplaced.searches).toBe(1);
  });

  it('a wish for a town follows the offers in its postal codes', () => {
    const { areas } = aggregateDemand(
      {
        searchTowns: [['Konstanz'], ['Konstanz']],
        inquiriesByPostalCode: none,
        viewingsByPostalCode: none,
        supplyByPostalCode: new Map([
          ['78462', 3],
          ['78464', 1],
        ]),
      },
      points,
    );
    const by = new Map(areas.map((a) => [a.postalCode, a]));
    expect(by.get('78462')).toMatchObject({ searches: 1.5, demandPerOffer: 0.5 });
    expect(by.get('78464')).toMatchObject({ searches: 0.5, demandPerOffer: 0.5 });
  });

  it('puts inquiries, viewings and offers on their postal code and relates demand to supply', () => {
    const { areas, unplaced } = aggregateDemand(
      {
        searchTowns: [],
        inquiriesByPostalCode: new Map([
          ['78462', 6],
          ['10115', 2],
        ]),
        viewingsByPostalCode: new Map([['78462', 2]]),
        supplyByPostalCode: new Map([
          ['78462', 4],
          ['88709', 3],
        ]),
      },
      points,
    );
    expect(areas[0]).toMatchObject({
      postalCode: '78462',
      inquiries: 6,
      viewings: 2,
      demand: 8,
      supply: 4,
      demandPerOffer: 2,
    });
    expect(areas.find((a) => a.postalCode === '88709')).toMatchObject({
      demand: 0,
      supply: 3,
      demandPerOffer: 0,
    });
    expect(areas.find((a) => a.postalCode === '88131')!.demandPerOffer).toBeNull();
    expect(unplaced.inquiries).toBe(2);
  });

  it('reads town names as brokers write them', () => {
    expect(townKey('Lindau (Bodensee)')).toBe(townKey('lindau'));
    expect(townKey('Radolfzell am Bodensee')).toBe('radolfzell');
    expect(townKey('Überlingen')).toBe('überlingen');
  });

  it('the bundled GeoNames points cover the demo towns, each code once, inside the region', () => {
    const codes = BODENSEE_POSTAL_POINTS.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of ['78462', '88662', '88045', '88131', '88709', '78315', '88085', '88090', '88677'])
      expect(codes).toContain(code);
    for (const [, , lat, lng] of BODENSEE_POSTAL_POINTS) {
      expect(lat).toBeGreaterThan(47.4);
      expect(lat).toBeLessThan(48.1);
      expect(lng).toBeGreaterThan(8.5);
      expect(lng).toBeLessThan(10.3);
    }
  });
});
