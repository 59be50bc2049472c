import { describe, expect, it } from 'vitest';
import { abzinsungsfaktor, kapitalisierungsfaktor, roundFactor } from './barwertfaktor.js';

/**
 * Table values of the capitalisation factor ("Vervielfältiger") as printed, to two decimals, in
 * Anlage 21 zum Bewertungsgesetz (zu § 185 Abs. 3 Satz 1 BewG) and formerly in Anlage 1 zur
 * ImmoWertV 2010; ImmoWertV 2021 § 34 Abs. 2 replaced the table by its formula.
 * https://www.gesetze-im-internet.de/bewg/anlage_21.html
 */
const TABLE: [percent: number, years: number, factor: string][] = [
  [5, 40, '17.16'],
  [3, 30, '19.60'],
  [4, 50, '21.48'],
  [6, 20, '11.47'],
  [2, 60, '34.76'],
  [5, 1, '0.95'],
  [3.5, 35, '20.00'],
  [2.5, 80, '34.45'],
  [1, 100, '63.03'],
];

describe('Barwertfaktor (§ 34 ImmoWertV)', () => {
  it.each(TABLE)('%s %% über %s Jahre ergibt %s wie die Tabelle', (percent, years, factor) => {
    expect(roundFactor(kapitalisierungsfaktor(percent, years), 2).toFixed(2)).toBe(factor);
  });

  it('is n at a rate of 0 %, the limit of the formula', () => {
    expect(kapitalisierungsfaktor(0, 25).toNumber()).toBe(25);
    expect(kapitalisierungsfaktor(0.0001, 25).toNumber()).toBeCloseTo(25, 2);
  });

  it('ties capitalisation and discounting together: KF = (1 − AF) / LZ', () => {
    for (const [p, n] of [
      [3, 30],
      [5, 40],
      [1.5, 70],
    ] as const) {
      const kf = kapitalisierungsfaktor(p, n);
      const af = abzinsungsfaktor(p, n);
      expect(kf.toNumber()).toBeCloseTo((1 - af.toNumber()) / (p / 100), 10);
    }
  });
});
