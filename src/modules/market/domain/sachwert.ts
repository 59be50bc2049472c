import { formatNumber } from '../../../platform/format/format-de.js';
import { cents, Dec, ValuationInputError } from './decimal.js';
import { step, type ValuationResult, type ValuationStep } from './valuation-step.js';

/**
 * The cost approach of §§ 35–39 ImmoWertV (2021): each building's cost of construction from
 * the Normalherstellungskosten 2010 (€/m² BGF) indexed to the valuation date and the region,
 * less linear age depreciation (§ 38: remaining over total useful life); plus outdoor
 * facilities and the land value; times the Sachwertfaktor of the local valuation board.
 */
export interface SachwertBuilding {
  label: string;
  /** Kostenkennwert der NHK 2010 for the building type and standard level, €/m² BGF. */
  nhk2010EuroPerSqm: number;
  bruttoGrundflaecheSqm: number;
  /** Destatis Baupreisindex for residential buildings on the valuation date, 2010 = 100. */
  baupreisindex: number;
  regionalfaktor: number;
  gesamtnutzungsdauerYears: number;
  restnutzungsdauerYears: number;
}

export interface SachwertInput {
  buildings: SachwertBuilding[];
  /** Außenanlagen (§ 37), cents — often taken as a share of the buildings' value. */
  aussenanlagenCents: number;
  bodenwertCents: number;
  sachwertfaktor: number;
  besondereMerkmaleCents: number;
}

const P = (n: string) => `${n} ImmoWertV`;

export function sachwert(input: SachwertInput): ValuationResult {
  if (input.buildings.length === 0)
    throw new ValuationInputError('buildings', 'Mindestens ein Gebäude angeben.');
  if (input.sachwertfaktor <= 0 || input.sachwertfaktor > 3) {
    throw new ValuationInputError('sachwertfaktor', 'Der Sachwertfaktor muss zwischen 0 und 3 liegen.');
  }
  const steps: ValuationStep[] = [];
  const warnings: string[] = [];
  let buildingsTotal = 0;
  input.buildings.forEach((b, i) => {
    const field = `buildings.${i}`;
    if (b.restnutzungsdauerYears > b.gesamtnutzungsdauerYears) {
      throw new ValuationInputError(
        `${field}.restnutzungsdauerYears`,
        `${b.label}: Die Restnutzungsdauer kann die Gesamtnutzungsdauer nicht übersteigen.`,
      );
    }
    const herstellung = cents(
      new Dec(b.nhk2010EuroPerSqm)
        .mul(100)
        .mul(b.bruttoGrundflaecheSqm)
        .mul(b.baupreisindex)
        .div(100)
        .mul(b.regionalfaktor),
    );
    const awmFactor = new Dec(b.restnutzungsdauerYears).div(b.gesamtnutzungsdauerYears);
    const value = cents(new Dec(herstellung).mul(awmFactor));
    buildingsTotal += value;
    steps.push(
      step(
        `gebaeude_${i}_herstellungskosten`,
        `${b.label}: durchschnittliche Herstellungskosten`,
        '',
        herstellung,
        'cent',
        P('§ 36'),
        `${formatNumber(b.nhk2010EuroPerSqm)} €/m² × ${formatNumber(b.bruttoGrundflaecheSqm)} m² BGF × Baupreisindex ${formatNumber(b.baupreisindex, 'de', 1)} / 100 × Regionalfaktor ${formatNumber(b.regionalfaktor)}`,
      ),
      step(
        `gebaeude_${i}_alterswertminderung`,
        `${b.label}: Alterswertminderungsfaktor`,
        '×',
        awmFactor.toDecimalPlaces(4).toNumber(),
        'factor',
        P('§ 38'),
        `Restnutzungsdauer ${b.restnutzungsdauerYears} / Gesamtnutzungsdauer ${b.gesamtnutzungsdauerYears} Jahre`,
      ),
      step(
        `gebaeude_${i}_sachwert`,
        `${b.label}: vorläufiger Sachwert`,
        '=',
        value,
        'cent',
        P('§ 36 Abs. 1'),
      ),
    );
  });
  const vorlaeufig = buildingsTotal + input.aussenanlagenCents + input.bodenwertCents;
  steps.push(
    step(
      'bauliche_anlagen',
      'Vorläufiger Sachwert der baulichen Anlagen',
      '',
      buildingsTotal,
      'cent',
      P('§ 35 Abs. 2 Nr. 1'),
    ),
    step(
      'aussenanlagen',
      'Bauliche Außenanlagen und sonstige Anlagen',
      '+',
      input.aussenanlagenCents,
      'cent',
      P('§ 37'),
    ),
    step('bodenwert', 'Bodenwert', '+', input.bodenwertCents, 'cent', P('§ 40')),
    step('vorlaeufiger_sachwert', 'Vorläufiger Sachwert', '=', vorlaeufig, 'cent', P('§ 35 Abs. 2')),
    step(
      'sachwertfaktor',
      'Sachwertfaktor',
      '×',
      input.sachwertfaktor,
      'factor',
      P('§ 39'),
      'vom Gutachterausschuss abgeleitet',
    ),
  );
  const angepasst = cents(new Dec(vorlaeufig).mul(input.sachwertfaktor));
  steps.push(
    step(
      'marktangepasster_sachwert',
      'Marktangepasster vorläufiger Sachwert',
      '=',
      angepasst,
      'cent',
      P('§ 35 Abs. 3'),
    ),
  );
  if (input.sachwertfaktor < 0.6 || input.sachwertfaktor > 1.6) {
    warnings.push(
      `Ein Sachwertfaktor von ${formatNumber(input.sachwertfaktor)} ist ungewöhnlich – bitte mit dem Grundstücksmarktbericht abgleichen.`,
    );
  }
  const value = angepasst + input.besondereMerkmaleCents;
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
  steps.push(step('sachwert', 'Sachwert', '=', value, 'cent', P('§ 35')));
  return { method: 'sachwert', valueCents: value, steps, warnings };
}
