import {
  formatArea,
  formatCents,
  formatNumber,
  formatPercent,
  type Lang,
} from '../../../platform/format/format-de.js';
import type { ValuationStep } from './valuation-step.js';

/** A valuation step's value in the unit it carries ("1.234,56 €", "3,50 %", "42 J."). */
export function stepValue(step: Pick<ValuationStep, 'unit' | 'value'>, lang: Lang = 'de'): string {
  switch (step.unit) {
    case 'cent':
      return formatCents(step.value, lang, { whole: false });
    case 'cent_per_sqm':
      return `${formatCents(step.value, lang, { whole: true })}/m²`;
    case 'sqm':
      return formatArea(step.value, lang);
    case 'percent':
      return formatPercent(step.value, lang, 2);
    case 'years':
      return `${formatNumber(step.value, lang, 0)} J.`;
    default:
      return formatNumber(step.value, lang, 4);
  }
}
