/**
 * One line of a valuation as an appraiser writes it down: what is added, subtracted or
 * multiplied, under which paragraph, and the result. Money in cents, factors as numbers.
 */
export interface ValuationStep {
  key: string;
  label: string;
  /** "§ 31 Abs. 2 ImmoWertV" — where the step is defined, so a reader can check it. */
  basis: string | null;
  operation: '' | '+' | '−' | '×' | '=';
  value: number;
  unit: 'cent' | 'factor' | 'percent' | 'years' | 'sqm' | 'cent_per_sqm';
  /** The inputs of this line in words, e.g. "5,0 % über 40 Jahre". */
  detail: string | null;
}

export interface ValuationResult {
  method: 'ertragswert' | 'sachwert' | 'vergleichswert';
  valueCents: number;
  steps: ValuationStep[];
  warnings: string[];
}

export const step = (
  key: string,
  label: string,
  operation: ValuationStep['operation'],
  value: number,
  unit: ValuationStep['unit'],
  basis: string | null = null,
  detail: string | null = null,
): ValuationStep => ({ key, label, basis, operation, value, unit, detail });
