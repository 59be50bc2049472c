import { formatArea, formatCents, formatDate, formatNumber } from '../../../platform/format/format-de.js';
import type { ComparableView, SourceView } from '../contract.js';
import type { MarketReportData } from './report-data.js';

export const euros = (cents: number | null) => formatCents(cents, 'de', { whole: true });
export const euroRange = (low: number | null, high: number | null) =>
  low === null || high === null ? '–' : `${euros(low)} – ${euros(high)}`;

/** The headline figures of a saved analysis, as label and value, for the report and the exposé. */
export function keyFigures(data: MarketReportData): [string, string][] {
  const { comparables, ertragswert, sachwert } = data.result;
  const subject = data.input.query.subject;
  const rows: [string, string][] = [
    ['Wertermittlungsstichtag', formatDate(subject.valuationDate)],
    ['Wohnfläche', formatArea(subject.livingArea)],
    ['Vergleichswert', euros(comparables.vergleichswert?.valueCents ?? null)],
    ['Spanne (10–90 %)', euroRange(comparables.summary.lowCents, comparables.summary.highCents)],
    [
      'Vergleichsobjekte',
      `${formatNumber(comparables.summary.used, 'de', 0)} (aus ${formatNumber(comparables.candidates, 'de', 0)} Preisen)`,
    ],
  ];
  if (comparables.estimate)
    rows.push(
      ['Statistische Schätzung', euros(comparables.estimate.priceCents)],
      ['90-%-Intervall', euroRange(comparables.estimate.lowCents, comparables.estimate.highCents)],
    );
  if (ertragswert) rows.push(['Ertragswert', euros(ertragswert.valueCents)]);
  if (sachwert) rows.push(['Sachwert', euros(sachwert.valueCents)]);
  return rows;
}

export const COMPARABLE_HEADER = ['Ort', 'Fläche', 'Baujahr', 'Datum', '€/m²', 'angepasst', 'Ähnl.'];
/** Column widths in points after the first (see pdf-blocks' table). */
export const COMPARABLE_WIDTHS = [44, 50, 62, 58, 60, 34];

/** One comparable as a table row; outliers are marked because they are left out of the value. */
export function comparableRow(c: ComparableView): string[] {
  const o = c.observation;
  return [
    `${o.postalCode} ${o.city}${o.priceKind === 'angebot' ? ' (Angebot)' : ''}${c.outlier ? ' – Ausreißer' : ''}`,
    formatArea(o.livingArea, 'de', 0),
    o.yearBuilt === null ? '–' : String(o.yearBuilt),
    formatDate(o.observedOn),
    euros(c.pricePerSqmCents),
    euros(c.adjustedPricePerSqmCents),
    formatNumber(c.similarity, 'de', 0),
  ];
}

export const sourceLine = (s: SourceView) =>
  `${s.name}: ${s.source}; Lizenz ${s.licence}${s.licenceUrl ? ` (${s.licenceUrl})` : ''}${s.demo ? ' – Demo-Daten (synthetisch), keine amtlichen Werte' : ''}`;

/** Why the figures are not an appraisal; printed wherever the figures are. */
export const DISCLAIMER =
  'Marktanalyse des Maklerbüros auf Grundlage der genannten Daten; kein Verkehrswertgutachten nach § 194 BauGB. Die Berechnung folgt der ImmoWertV 2021; die Zahlen ermittelt das Programm, nicht ein Sprachmodell.';
