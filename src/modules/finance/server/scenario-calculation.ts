import type { ZodType } from 'zod';
import { badRequest } from '../../../platform/http/app-error.js';
import {
  affordabilityRequestSchema,
  annuityRequestSchema,
  compareRequestSchema,
  investmentRequestSchema,
  purchaseCostRequestSchema,
  type ScenarioKind,
} from '../contract.js';
import { type AffordabilityResult, affordability } from '../domain/affordability.js';
import { type FinancingPlan, financingPlan } from '../domain/annuity.js';
import { type InvestmentResult, investment } from '../domain/investment.js';
import { compareOffers, type OfferComparison } from '../domain/offers.js';
import { type PurchaseCostResult, purchaseCosts } from '../domain/purchase-costs.js';
import type { StateCode } from '../domain/transfer-tax.js';
import { runCalculation } from './run-calculation.js';

export type CalculationResult =
  | { kind: 'annuity'; result: FinancingPlan }
  | { kind: 'compare'; result: OfferComparison }
  | { kind: 'purchase_costs'; result: PurchaseCostResult }
  | { kind: 'affordability'; result: AffordabilityResult }
  | { kind: 'investment'; result: InvestmentResult };

/** Validates an input with its calculator's schema; the error names the field. */
function parse<T>(schema: ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest('invalid_input', issue?.message ?? 'Ungültige Eingabe.', {
    field: issue?.path.join('.') ?? '',
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export interface Calculated {
  /** The input as validated, with defaults filled in: what a scenario stores. */
  input: Record<string, unknown>;
  calc: CalculationResult;
}

/** Validates a submitted or stored input and runs the same calculator as its route. */
export function calculate(kind: ScenarioKind, raw: unknown): Calculated {
  switch (kind) {
    case 'annuity': {
      const input = parse(annuityRequestSchema, raw);
      return { input, calc: runCalculation(() => ({ kind, result: financingPlan(input.parts) })) };
    }
    case 'compare': {
      const input = parse(compareRequestSchema, raw);
      return { input, calc: runCalculation(() => ({ kind, result: compareOffers(input.offers) })) };
    }
    case 'purchase_costs': {
      const input = parse(purchaseCostRequestSchema, raw);
      return {
        input,
        calc: runCalculation(() => ({
          kind,
          result: purchaseCosts({ ...input, state: input.state as StateCode }),
        })),
      };
    }
    case 'affordability': {
      const input = parse(affordabilityRequestSchema, raw);
      return { input, calc: runCalculation(() => ({ kind, result: affordability(input) })) };
    }
    case 'investment': {
      const input = parse(investmentRequestSchema, raw);
      return { input, calc: runCalculation(() => ({ kind, result: investment(input) })) };
    }
  }
}

/** The headline figures a scenario list shows without recomputing. */
export function summarise(calc: CalculationResult): Record<string, unknown> {
  switch (calc.kind) {
    case 'annuity':
      return {
        totalAmountCents: calc.result.totalAmountCents,
        totalRateCents: calc.result.totalRateCents,
        effectiveRatePercent: calc.result.effectiveRatePercent,
        totalInterestCents: calc.result.totalInterestCents,
        remainingAtFixedEndCents: calc.result.parts.reduce((s, p) => s + p.remainingAtFixedEndCents, 0),
      };
    case 'compare':
      return { cheapest: calc.result.cheapest, horizonYears: calc.result.horizonYears };
    case 'purchase_costs':
      return {
        sideCostsCents: calc.result.sideCostsCents,
        totalCostCents: calc.result.totalCostCents,
        equityNeededCents: calc.result.equityNeededCents,
      };
    case 'affordability':
      return {
        maxPriceCents: calc.result.maxPriceCents,
        monthlyRateCents: calc.result.monthlyRateCents,
        loanCents: calc.result.loanCents,
      };
    case 'investment':
      return {
        grossYieldPercent: calc.result.grossYieldPercent,
        netYieldPercent: calc.result.netYieldPercent,
        irrPercent: calc.result.irrPercent,
        firstYearCashFlowAfterTaxCents: calc.result.firstYear.cashFlowAfterTaxCents,
      };
  }
}

export function calculateScenario(kind: ScenarioKind, raw: unknown) {
  const { input, calc } = calculate(kind, raw);
  return { input, summary: summarise(calc) };
}
