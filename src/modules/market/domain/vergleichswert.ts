import { formatNumber } from '../../../platform/format/format-de.js';
import type { Comparable, ComparablesSummary } from './comparables.js';
import { cents, Dec, ValuationInputError } from './decimal.js';
import { step, type ValuationResult } from './valuation-step.js';

/**
 * The comparison approach of §§ 24–26 ImmoWertV (2021): the comparables' prices per m², each
 * brought to the subject's traits and the valuation date (§ 26: Umrechnungskoeffizienten and
 * Indexreihen), averaged after setting outliers aside, times the subject's living area.
 */
export function vergleichswert(
  comparables: readonly Comparable[],
  summary: ComparablesSummary,
  livingArea: number,
  options: { marktanpassung: number; besondereMerkmaleCents: number },
): ValuationResult {
  if (summary.used < 3 || summary.meanPerSqmCents === null) {
    throw new ValuationInputError(
      'comparables',
      `Für das Vergleichswertverfahren braucht es mindestens 3 Vergleichspreise; gefunden: ${summary.used}.`,
    );
  }
  const kept = comparables.filter((c) => !c.outlier);
  const rawMean = Math.round(kept.reduce((s, c) => s + c.pricePerSqmCents, 0) / kept.length);
  const warnings: string[] = [];
  if (summary.used < 6) warnings.push(`Nur ${summary.used} Vergleichspreise – das Ergebnis ist unsicher.`);
  const spread = summary.highPerSqmCents! / summary.lowPerSqmCents! - 1;
  if (spread > 0.5)
    warnings.push(
      'Die angepassten Vergleichspreise streuen stark; die Auswahl der Vergleichsobjekte prüfen.',
    );
  const vorlaeufig = cents(new Dec(summary.meanPerSqmCents).mul(livingArea));
  const angepasst = cents(new Dec(vorlaeufig).mul(options.marktanpassung));
  const value = angepasst + options.besondereMerkmaleCents;
  const steps = [
    step(
      'vergleichspreise',
      'Vergleichspreise (ohne Ausreißer)',
      '',
      summary.used,
      'factor',
      '§ 25 ImmoWertV',
      summary.outliers
        ? `${summary.outliers} Ausreißer (> 2 Standardabweichungen) nicht berücksichtigt`
        : null,
    ),
    step('mittel_roh', 'Mittlerer Preis je m² vor Anpassung', '', rawMean, 'cent_per_sqm', '§ 25 ImmoWertV'),
    step(
      'mittel_angepasst',
      'Mittlerer Preis je m² nach Anpassung (gewichtet nach Ähnlichkeit)',
      '=',
      summary.meanPerSqmCents,
      'cent_per_sqm',
      '§ 26 ImmoWertV',
    ),
    step('wohnflaeche', 'Wohnfläche', '×', livingArea, 'sqm', null, `${formatNumber(livingArea)} m²`),
    step(
      'vorlaeufiger_vergleichswert',
      'Vorläufiger Vergleichswert',
      '=',
      vorlaeufig,
      'cent',
      '§ 24 Abs. 2 ImmoWertV',
    ),
    step('marktanpassung', 'Marktanpassung', '×', options.marktanpassung, 'factor', '§ 7 ImmoWertV'),
    step(
      'marktangepasst',
      'Marktangepasster vorläufiger Vergleichswert',
      '=',
      angepasst,
      'cent',
      '§ 24 Abs. 3 ImmoWertV',
    ),
  ];
  if (options.besondereMerkmaleCents) {
    steps.push(
      step(
        'besondere_merkmale',
        'Besondere objektspezifische Grundstücksmerkmale',
        options.besondereMerkmaleCents > 0 ? '+' : '−',
        Math.abs(options.besondereMerkmaleCents),
        'cent',
        '§ 8 Abs. 3 ImmoWertV',
      ),
    );
  }
  steps.push(step('vergleichswert', 'Vergleichswert', '=', value, 'cent', '§ 24 ImmoWertV'));
  return { method: 'vergleichswert', valueCents: value, steps, warnings };
}
