import { formatNumber, formatPercent } from '../../../platform/format/format-de.js';
import { abzinsungsfaktor, kapitalisierungsfaktor, roundFactor } from './barwertfaktor.js';
import { cents, Dec, ValuationInputError } from './decimal.js';
import { step, type ValuationResult, type ValuationStep } from './valuation-step.js';

/**
 * The income approach of §§ 27–34 ImmoWertV (2021): the general method (§ 28, the building's
 * share of the net income capitalised over its remaining life, plus the land value) or the
 * simplified one (§ 29, all net income capitalised, plus the land value discounted over that life).
 */
export interface ErtragswertInput {
  verfahren: 'allgemein' | 'vereinfacht';
  /** Marktüblich erzielbarer Jahresrohertrag (§ 31 Abs. 2), cents a year. */
  jahresrohertragCents: number;
  /** Bewirtschaftungskosten (§ 32), each in cents a year except the rent loss risk. */
  verwaltungskostenCents: number;
  instandhaltungskostenCents: number;
  /** Mietausfallwagnis in percent of the Rohertrag (Anlage 3: 2 % for housing). */
  mietausfallwagnisPercent: number;
  /** Betriebskosten the owner cannot pass on to tenants. */
  betriebskostenCents: number;
  bodenwertCents: number;
  liegenschaftszinsPercent: number;
  restnutzungsdauerYears: number;
  /** Besondere objektspezifische Grundstücksmerkmale (§ 8 Abs. 3), signed cents. */
  besondereMerkmaleCents: number;
  /** Round the Barwertfaktor as a printed table does (2); omitted, the exact factor is used. */
  factorDecimals?: number;
}

const P = (n: string) => `${n} ImmoWertV`;

export function ertragswert(input: ErtragswertInput): ValuationResult {
  if (input.jahresrohertragCents <= 0) {
    throw new ValuationInputError('jahresrohertragCents', 'Der Jahresrohertrag muss größer als 0 € sein.');
  }
  if (input.restnutzungsdauerYears < 1 || input.restnutzungsdauerYears > 100) {
    throw new ValuationInputError(
      'restnutzungsdauerYears',
      'Die Restnutzungsdauer muss zwischen 1 und 100 Jahren liegen.',
    );
  }
  if (input.liegenschaftszinsPercent < 0 || input.liegenschaftszinsPercent > 15) {
    throw new ValuationInputError(
      'liegenschaftszinsPercent',
      'Der Liegenschaftszinssatz muss zwischen 0 und 15 % liegen.',
    );
  }
  const warnings: string[] = [];
  const roh = new Dec(input.jahresrohertragCents);
  const mietausfall = cents(roh.mul(input.mietausfallwagnisPercent).div(100));
  const bewirtschaftung =
    input.verwaltungskostenCents + input.instandhaltungskostenCents + mietausfall + input.betriebskostenCents;
  const reinertrag = input.jahresrohertragCents - bewirtschaftung;
  if (reinertrag <= 0) {
    throw new ValuationInputError(
      'verwaltungskostenCents',
      'Die Bewirtschaftungskosten übersteigen den Rohertrag; es bleibt kein Reinertrag.',
    );
  }
  const share = bewirtschaftung / input.jahresrohertragCents;
  if (share > 0.4)
    warnings.push(
      `Die Bewirtschaftungskosten betragen ${formatPercent(share * 100, 'de', 1)} des Rohertrags – bitte prüfen.`,
    );

  const p = input.liegenschaftszinsPercent;
  const n = input.restnutzungsdauerYears;
  const kf = roundFactor(kapitalisierungsfaktor(p, n), input.factorDecimals);
  const rate = `${formatPercent(p, 'de', 2)} über ${n} Jahre`;
  const steps: ValuationStep[] = [
    step('jahresrohertrag', 'Jahresrohertrag', '', input.jahresrohertragCents, 'cent', P('§ 31 Abs. 2')),
    step(
      'verwaltungskosten',
      'Verwaltungskosten',
      '−',
      input.verwaltungskostenCents,
      'cent',
      P('§ 32 Abs. 2'),
    ),
    step(
      'instandhaltungskosten',
      'Instandhaltungskosten',
      '−',
      input.instandhaltungskostenCents,
      'cent',
      P('§ 32 Abs. 3'),
    ),
    step(
      'mietausfallwagnis',
      'Mietausfallwagnis',
      '−',
      mietausfall,
      'cent',
      P('§ 32 Abs. 4'),
      `${formatPercent(input.mietausfallwagnisPercent, 'de', 1)} des Rohertrags`,
    ),
  ];
  if (input.betriebskostenCents) {
    steps.push(
      step(
        'betriebskosten',
        'Nicht umlagefähige Betriebskosten',
        '−',
        input.betriebskostenCents,
        'cent',
        P('§ 32 Abs. 1'),
      ),
    );
  }
  steps.push(step('reinertrag', 'Jährlicher Reinertrag', '=', reinertrag, 'cent', P('§ 31 Abs. 1')));

  let vorlaeufig: number;
  if (input.verfahren === 'allgemein') {
    const verzinsung = cents(new Dec(input.bodenwertCents).mul(p).div(100));
    const gebaeudeReinertrag = reinertrag - verzinsung;
    if (gebaeudeReinertrag <= 0) {
      warnings.push(
        'Die Bodenwertverzinsung übersteigt den Reinertrag: Liquidationsobjekt prüfen (§ 43 ImmoWertV).',
      );
    }
    const gebaeudeWert = cents(new Dec(gebaeudeReinertrag).mul(kf));
    vorlaeufig = gebaeudeWert + input.bodenwertCents;
    steps.push(
      step(
        'bodenwertverzinsung',
        'Bodenwertverzinsungsbetrag',
        '−',
        verzinsung,
        'cent',
        P('§ 28 Satz 1 Nr. 1'),
        `${formatPercent(p, 'de', 2)} von ${formatNumber(input.bodenwertCents / 100)} €`,
      ),
      step(
        'reinertrag_bauliche_anlagen',
        'Reinertragsanteil der baulichen Anlagen',
        '=',
        gebaeudeReinertrag,
        'cent',
        P('§ 28'),
      ),
      step(
        'barwertfaktor',
        'Barwertfaktor (Kapitalisierung)',
        '×',
        kf.toNumber(),
        'factor',
        P('§ 34 Abs. 2'),
        rate,
      ),
      step(
        'ertragswert_bauliche_anlagen',
        'Vorläufiger Ertragswert der baulichen Anlagen',
        '=',
        gebaeudeWert,
        'cent',
        P('§ 28 Satz 1 Nr. 1'),
      ),
      step('bodenwert', 'Bodenwert', '+', input.bodenwertCents, 'cent', P('§ 40')),
    );
  } else {
    const af = roundFactor(abzinsungsfaktor(p, n), input.factorDecimals);
    const barwertReinertrag = cents(new Dec(reinertrag).mul(kf));
    const bodenAbgezinst = cents(new Dec(input.bodenwertCents).mul(af));
    vorlaeufig = barwertReinertrag + bodenAbgezinst;
    steps.push(
      step(
        'barwertfaktor',
        'Barwertfaktor (Kapitalisierung)',
        '×',
        kf.toNumber(),
        'factor',
        P('§ 34 Abs. 2'),
        rate,
      ),
      step(
        'barwert_reinertrag',
        'Barwert des Reinertrags',
        '=',
        barwertReinertrag,
        'cent',
        P('§ 29 Satz 1 Nr. 1'),
      ),
      step('bodenwert', 'Bodenwert', '', input.bodenwertCents, 'cent', P('§ 40')),
      step(
        'abzinsungsfaktor',
        'Barwertfaktor (Abzinsung)',
        '×',
        af.toNumber(),
        'factor',
        P('§ 34 Abs. 3'),
        rate,
      ),
      step(
        'bodenwert_abgezinst',
        'Abgezinster Bodenwert',
        '+',
        bodenAbgezinst,
        'cent',
        P('§ 29 Satz 1 Nr. 2'),
      ),
    );
  }
  steps.push(
    step(
      'vorlaeufiger_ertragswert',
      'Vorläufiger Ertragswert',
      '=',
      vorlaeufig,
      'cent',
      input.verfahren === 'allgemein' ? P('§ 28') : P('§ 29'),
    ),
  );
  const value = vorlaeufig + input.besondereMerkmaleCents;
  if (input.besondereMerkmaleCents) {
    steps.push(
      step(
        'besondere_merkmale',
        'Besondere objektspezifische Grundstücksmerkmale',
        input.besondereMerkmaleCents > 0 ? '+' : '−',
        Math.abs(input.besondereMerkmaleCents),
        'cent',
        P('§ 8 Abs. 3'),
      ),
    );
  }
  steps.push(step('ertragswert', 'Ertragswert', '=', value, 'cent', P('§ 27')));
  return { method: 'ertragswert', valueCents: value, steps, warnings };
}
