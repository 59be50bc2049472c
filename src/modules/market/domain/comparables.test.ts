import { describe, expect, it } from 'vitest';
import { generateDemoMarket } from '../demo/demo-market.js';
import { compareAll, FALLBACK_RATES, ratesFromModel } from './comparables.js';
import { estimate, fitHedonic } from './hedonic.js';
import type { Observation, Subject } from './observation.js';
import { insidePolygon } from './observation.js';
import { vergleichswert } from './vergleichswert.js';

const subject: Subject = {
  marketingType: 'kauf',
  objectType: 'wohnung',
  city: 'Konstanz',
  postalCode: '78462',
  latitude: 47.6603,
  longitude: 9.1758,
  livingArea: 90,
  rooms: 3,
  yearBuilt: 1995,
  condition: 'gepflegt',
  floor: 2,
  lakeView: false,
  shoreDistanceM: 900,
  valuationDate: '2026-12-01',
};

const twin = (over: Partial<Observation>): Observation => ({
  id: over.id ?? 'x',
  priceKind: 'verkauf',
  ...subject,
  priceCents: 45_000_000,
  observedOn: '2026-12-01',
  ...over,
});

describe('comparables', () => {
  it('scores a twin 100 and moves a bigger, renovated, lake-view flat down to the subject', () => {
    const rates = { ...FALLBACK_RATES, trendPerYear: 0 };
    const other = twin({
      id: 'b',
      livingArea: 120,
      condition: 'modernisiert',
      lakeView: true,
      priceCents: 72_000_000,
    });
    const { comparables } = compareAll([twin({ id: 'a' }), other], subject, rates);
    expect(comparables[0]).toMatchObject({ similarity: 100, adjustments: [] });
    const b = comparables[1]!;
    expect(b.similarity).toBeLessThan(80);
    expect(b.differences).toEqual(expect.arrayContaining(['+30 m²', 'saniert/modernisiert', 'mit Seeblick']));
    const keys = b.adjustments.map((a) => a.key);
    expect(keys).toEqual(['groesse', 'zustand', 'seeblick']);
    // Smaller subject → higher €/m²; worse condition and no lake view → lower.
    expect(b.adjustments.find((a) => a.key === 'groesse')!.percent).toBeGreaterThan(0);
    expect(b.adjustments.find((a) => a.key === 'seeblick')!.percent).toBeCloseTo(
      (Math.exp(-0.12) - 1) * 100,
      6,
    );
    const factor = b.adjustments.reduce((f, a) => f * (1 + a.percent / 100), 1);
    expect(b.adjustedPricePerSqmCents).toBe(Math.round((72_000_000 / 120) * factor));
  });

  it('sets outliers aside before averaging and reports a range around the mean', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      twin({ id: `t${i}`, priceCents: 45_000_000 + (i - 6) * 500_000 }),
    );
    const crazy = twin({ id: 'z', priceCents: 150_000_000 });
    const { comparables, summary } = compareAll([...many, crazy], subject, FALLBACK_RATES);
    expect(comparables.find((c) => c.observation.id === 'z')!.outlier).toBe(true);
    expect(summary.outliers).toBe(1);
    expect(summary.lowCents!).toBeLessThan(summary.valueCents!);
    expect(summary.highCents!).toBeGreaterThan(summary.valueCents!);
    const v = vergleichswert(comparables, summary, subject.livingArea, {
      marktanpassung: 1,
      besondereMerkmaleCents: 0,
    });
    expect(v.valueCents).toBe(Math.round(summary.meanPerSqmCents! * 90));
    expect(v.steps.find((s) => s.key === 'vergleichspreise')?.detail).toContain('1 Ausreißer');
  });

  it('refuses a comparison value on fewer than three prices', () => {
    const { comparables, summary } = compareAll(
      [twin({ id: 'a' }), twin({ id: 'b' })],
      subject,
      FALLBACK_RATES,
    );
    expect(() =>
      vergleichswert(comparables, summary, 90, { marktanpassung: 1, besondereMerkmaleCents: 0 }),
    ).toThrow(/mindestens 3/);
  });

  it('lands near the hedonic estimate on the demo market when its rates come from the model', () => {
    const market = generateDemoMarket({ count: 4000, until: '2026-11-30' });
    const model = fitHedonic(market, 'kauf')!;
    const candidates = market.filter(
      (o) => o.marketingType === 'kauf' && o.objectType === 'wohnung' && o.city === 'Konstanz',
    );
    const { summary } = compareAll(candidates, subject, ratesFromModel(model, 31), 30);
    const hedonic = estimate(model, subject);
    expect(summary.used).toBeGreaterThanOrEqual(25);
    expect(Math.abs(summary.valueCents! / hedonic.priceCents - 1)).toBeLessThan(0.1);
  });

  it('tells inside from outside a drawn area', () => {
    const square: [number, number][] = [
      [9, 47.6],
      [9.3, 47.6],
      [9.3, 47.8],
      [9, 47.8],
    ];
    expect(insidePolygon(9.17, 47.66, square)).toBe(true);
    expect(insidePolygon(9.48, 47.65, square)).toBe(false);
  });
});
