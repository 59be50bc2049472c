import { describe, expect, it } from 'vitest';
import { generateDemoMarket } from '../demo/demo-market.js';
import { coefficient, estimate, fitHedonic, MIN_OBSERVATIONS } from './hedonic.js';
import { hedonicAccuracy } from './hedonic-accuracy.js';

const market = generateDemoMarket({ count: 4000, until: '2026-11-30' });

describe('hedonic price model', () => {
  it('recovers the traits the demo market was generated with', () => {
    const model = fitHedonic(market, 'kauf')!;
    // Generated: −0,16 per ln m², +0,14 lake view (at 90 m²), −0,17 in need of renovation, +0,06 asking.
    expect(coefficient(model, 'ln_area')).toBeGreaterThan(-0.22);
    expect(coefficient(model, 'ln_area')).toBeLessThan(-0.1);
    expect(coefficient(model, 'lake_view')).toBeGreaterThan(0.09);
    expect(coefficient(model, 'condition:renovierungsbeduerftig')).toBeLessThan(-0.1);
    expect(coefficient(model, 'asking')).toBeGreaterThan(0.03);
  });

  it('beats the median €/m² of the town out of sample, with an honest 90 % interval', () => {
    for (const type of ['kauf', 'miete'] as const) {
      const report = hedonicAccuracy(market, type)!;
      console.info(
        `hedonic ${type}: MAPE ${(report.modelMape * 100).toFixed(1)} % vs. town median ${(report.baselineMape * 100).toFixed(1)} %, ` +
          `90 % interval covers ${(report.coverage90 * 100).toFixed(1)} % (train ${report.train}, test ${report.test} sales)`,
      );
      expect(report.modelMape).toBeLessThan(report.baselineMape * 0.7);
      expect(report.coverage90).toBeGreaterThan(0.83);
      expect(report.coverage90).toBeLessThan(0.97);
    }
  });

  it('says how many observations the estimate rests on and widens the interval for unusual homes', () => {
    const model = fitHedonic(market, 'kauf')!;
    const subject = {
      marketingType: 'kauf' as const,
      objectType: 'wohnung',
      city: 'Konstanz',
      postalCode: '78462',
      latitude: null,
      longitude: null,
      rooms: 3,
      yearBuilt: 1995,
      condition: 'gepflegt',
      floor: 2,
      lakeView: false,
      shoreDistanceM: 1000,
      valuationDate: '2026-12-01',
    };
    const typical = estimate(model, { ...subject, livingArea: 90 });
    const odd = estimate(model, { ...subject, livingArea: 600 });
    expect(typical.observations).toBe(model.observations);
    expect(typical.lowCents).toBeLessThan(typical.priceCents);
    expect(typical.highCents).toBeGreaterThan(typical.priceCents);
    expect(odd.highPerSqmCents / odd.lowPerSqmCents).toBeGreaterThan(
      typical.highPerSqmCents / typical.lowPerSqmCents,
    );
  });

  it('declines to fit on too little data', () => {
    expect(fitHedonic(market.slice(0, MIN_OBSERVATIONS / 2), 'kauf')).toBeNull();
  });
});
