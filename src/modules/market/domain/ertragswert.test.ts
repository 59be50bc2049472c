import { describe, expect, it } from 'vitest';
import { type ErtragswertInput, ertragswert } from './ertragswert.js';

const base: ErtragswertInput = {
  verfahren: 'allgemein',
  jahresrohertragCents: 2_400_000,
  verwaltungskostenCents: 120_000,
  instandhaltungskostenCents: 260_000,
  mietausfallwagnisPercent: 2,
  betriebskostenCents: 0,
  bodenwertCents: 15_000_000,
  liegenschaftszinsPercent: 3,
  restnutzungsdauerYears: 40,
  besondereMerkmaleCents: 0,
};

const lineValue = (r: ReturnType<typeof ertragswert>, key: string) =>
  r.steps.find((s) => s.key === key)?.value;

describe('Ertragswert (§§ 27–34 ImmoWertV)', () => {
  it('walks the general method line by line, each money line rounded to cents', () => {
    const r = ertragswert(base);
    // 24.000 − 1.200 − 2.600 − 2 % × 24.000 = 19.720; minus 3 % × 150.000 = 15.220 for the buildings.
    expect(lineValue(r, 'mietausfallwagnis')).toBe(48_000);
    expect(lineValue(r, 'reinertrag')).toBe(1_972_000);
    expect(lineValue(r, 'bodenwertverzinsung')).toBe(450_000);
    expect(lineValue(r, 'reinertrag_bauliche_anlagen')).toBe(1_522_000);
    const q = 1.03 ** 40;
    const kf = (q - 1) / (q * 0.03);
    expect(lineValue(r, 'barwertfaktor')).toBeCloseTo(kf, 10);
    expect(lineValue(r, 'ertragswert_bauliche_anlagen')).toBe(Math.round(1_522_000 * kf));
    expect(r.valueCents).toBe(Math.round(1_522_000 * kf) + 15_000_000);
    expect(r.steps.at(-1)).toMatchObject({ key: 'ertragswert', basis: '§ 27 ImmoWertV', operation: '=' });
  });

  it('gives the same value by the simplified method (§ 29), as the algebra says it must', () => {
    // KF × (RE − BW × LZ) + BW = KF × RE + BW × AF, because 1 − LZ × KF = AF.
    for (const [p, n] of [
      [3, 40],
      [5, 25],
      [1.5, 60],
    ] as const) {
      const input = { ...base, liegenschaftszinsPercent: p, restnutzungsdauerYears: n };
      const general = ertragswert(input).valueCents;
      const simplified = ertragswert({ ...input, verfahren: 'vereinfacht' }).valueCents;
      expect(Math.abs(general - simplified)).toBeLessThanOrEqual(2);
    }
  });

  it('uses the table factor when asked to round as a printed table does', () => {
    const r = ertragswert({
      ...base,
      liegenschaftszinsPercent: 5,
      restnutzungsdauerYears: 40,
      factorDecimals: 2,
    });
    expect(lineValue(r, 'barwertfaktor')).toBe(17.16);
    // 19.720 − 7.500 = 12.220 € × 17,16 = 209.695,20 €.
    expect(lineValue(r, 'ertragswert_bauliche_anlagen')).toBe(20_969_520);
  });

  it('adds special property traits (§ 8 Abs. 3) after the preliminary value', () => {
    const r = ertragswert({ ...base, besondereMerkmaleCents: -2_000_000 });
    expect(r.valueCents).toBe(ertragswert(base).valueCents - 2_000_000);
    expect(r.steps.find((s) => s.key === 'besondere_merkmale')).toMatchObject({
      operation: '−',
      value: 2_000_000,
    });
  });

  it('warns when the land interest eats the whole net income (§ 43)', () => {
    const r = ertragswert({ ...base, bodenwertCents: 90_000_000 });
    expect(r.warnings.join()).toContain('§ 43');
  });

  it('refuses inputs no appraiser would accept, naming the field', () => {
    expect(() => ertragswert({ ...base, jahresrohertragCents: 0 })).toThrow(/Jahresrohertrag/);
    expect(() => ertragswert({ ...base, restnutzungsdauerYears: 0 })).toThrow(/Restnutzungsdauer/);
    expect(() => ertragswert({ ...base, liegenschaftszinsPercent: -1 })).toThrow(/Liegenschaftszinssatz/);
    expect(() => ertragswert({ ...base, instandhaltungskostenCents: 3_000_000 })).toThrow(
      /Bewirtschaftungskosten/,
    );
  });
});
