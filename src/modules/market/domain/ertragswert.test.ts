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

/**
 * A published worked example, reproduced to the cent: Erbschaftsteuer-Hinweise 2019, H B 185.4,
 * Beispiele 1 und 2 (gleich lautende Ländererlasse vom 16.12.2019, BStBl. I 2019 Sondernummer 1
 * S. 151), an amtliches Werk (§ 5 UrhG). The Ertragswert of §§ 184–188 BewG is the general method
 * of § 28 ImmoWertV — (Reinertrag − Bodenwert × Liegenschaftszins) × Vervielfältiger + Bodenwert —
 * with the Bewirtschaftungskosten given as one share of the Rohertrag (Anlage 23 BewG) and the
 * factor read from the printed two-decimal table (Anlage 21 BewG). Here the factor is computed by
 * our formula and only rounded as the table is, so the example checks formula and arithmetic alike.
 * Text read at github.com/juliangossen/wissensdatenbank-steuern,
 * Rechtsgebiete/Steuerrecht/Verwaltungsanweisungen/ErbStR/Stand_2026-09-09/ErbStR_2019.md#h-b-185-4.
 */
describe('ErbStH 2019 H B 185.4 (published example)', () => {
  const geschaeftsgrundstueck = (restnutzungsdauerYears: number): ErtragswertInput => ({
    verfahren: 'allgemein',
    jahresrohertragCents: 14_000_000, // 100.000 € + 40.000 €
    verwaltungskostenCents: 3_080_000, // "Bewirtschaftungskosten 22 %" as one amount
    instandhaltungskostenCents: 0,
    mietausfallwagnisPercent: 0,
    betriebskostenCents: 0,
    bodenwertCents: 30_000_000,
    liegenschaftszinsPercent: 6.5,
    restnutzungsdauerYears,
    besondereMerkmaleCents: 0,
    factorDecimals: 2,
  });

  it('Beispiel 1: RND 35 Jahre (gewogen) → 1.527.993 €', () => {
    const r = ertragswert(geschaeftsgrundstueck(35));
    expect(lineValue(r, 'reinertrag')).toBe(10_920_000); // 109.200 €
    expect(lineValue(r, 'bodenwertverzinsung')).toBe(1_950_000); // 19.500 €
    expect(lineValue(r, 'reinertrag_bauliche_anlagen')).toBe(8_970_000); // 89.700 €
    expect(lineValue(r, 'barwertfaktor')).toBe(13.69);
    expect(lineValue(r, 'ertragswert_bauliche_anlagen')).toBe(122_799_300); // 1.227.993 €
    expect(r.valueCents).toBe(152_799_300); // 1.527.993 €
  });

  it('Beispiel 2: RND 32 Jahre (gewichtet) → 1.495.701 €', () => {
    const r = ertragswert(geschaeftsgrundstueck(32));
    expect(lineValue(r, 'barwertfaktor')).toBe(13.33);
    expect(lineValue(r, 'ertragswert_bauliche_anlagen')).toBe(119_570_100); // 1.195.701 €
    expect(r.valueCents).toBe(149_570_100); // 1.495.701 €
  });
});
