import { describe, expect, it } from 'vitest';
import { kmAround, roundScaleKm } from './local-projection.js';
import { distanceKm } from './observation.js';

describe('kmAround', () => {
  it('keeps distances true to the haversine within a few km of Konstanz', () => {
    const centre = { latitude: 47.6603, longitude: 9.1758 };
    const meersburg = { latitude: 47.6936, longitude: 9.2713 };
    const { x, y } = kmAround(centre, meersburg);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    expect(Math.hypot(x, y)).toBeCloseTo(distanceKm(47.6603, 9.1758, 47.6936, 9.2713), 1);
  });

  it('picks scale bars of 1, 2 or 5 times a power of ten', () => {
    expect(roundScaleKm(3.7)).toBe(2);
    expect(roundScaleKm(0.8)).toBe(0.5);
    expect(roundScaleKm(12)).toBe(10);
    expect(roundScaleKm(5)).toBe(5);
  });
});
