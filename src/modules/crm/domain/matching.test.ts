import { describe, expect, it } from 'vitest';
import { type MatchableProperty, type MatchableRequest, matchScore } from './matching.js';

const flat: MatchableProperty = {
  marketingType: 'kauf',
  objectType: 'wohnung',
  city: 'Konstanz',
  postalCode: '78462',
  livingArea: 85,
  rooms: 3,
  priceCents: 450_000_00,
  features: ['balkon', 'seeblick'],
};
const wish: MatchableRequest = {
  marketingType: 'kauf',
  objectTypes: ['wohnung'],
  cities: ['Konstanz'],
  minLivingArea: 80,
  minRooms: 3,
  maxPriceCents: 500_000_00,
  requiredFeatures: ['balkon'],
};

describe('matchScore', () => {
  it('scores a perfect fit 100 with reasons', () => {
    const result = matchScore(flat, wish);
    expect(result.score).toBe(100);
    expect(result.reasons).toContain('Preis im Budget');
  });

  it('gives partial credit within 10 % tolerance and refuses beyond it', () => {
    expect(matchScore({ ...flat, priceCents: 540_000_00 }, wish).score).toBeLessThan(100);
    expect(matchScore({ ...flat, priceCents: 540_000_00 }, wish).score).toBeGreaterThan(0);
    expect(matchScore({ ...flat, priceCents: 560_000_00 }, wish).score).toBe(0);
    expect(matchScore({ ...flat, livingArea: 70 }, wish).score).toBe(0);
  });

  it('never matches the wrong marketing type, object type or place', () => {
    expect(matchScore({ ...flat, marketingType: 'miete' }, wish).score).toBe(0);
    expect(matchScore({ ...flat, objectType: 'haus' }, wish).score).toBe(0);
    expect(matchScore({ ...flat, city: 'Lindau (Bodensee)' }, wish).score).toBe(0);
  });

  it('matches places by name regardless of case and ß, or by postal code', () => {
    expect(matchScore({ ...flat, city: 'KONSTANZ' }, wish).score).toBe(100);
    expect(
      matchScore({ ...flat, city: 'Überlingen', postalCode: '88662' }, { ...wish, cities: ['88662'] }).score,
    ).toBe(100);
  });

  it('counts missing wished features proportionally', () => {
    expect(matchScore({ ...flat, features: [] }, wish).score).toBe(90);
  });
});
