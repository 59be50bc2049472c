import { z } from 'zod';
import { STATE_CODES } from './domain/transfer-tax.js';

const cents = (max = 10_000_000_000) => z.number().int().min(0).max(max);
const percent = (max = 100) => z.number().min(0).max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Monat als JJJJ-MM angeben.');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT angeben.');
const currentMonth = () => new Date().toISOString().slice(0, 7);

export const loanPartSchema = z.object({
  name: z.string().trim().min(1).max(80).default('Darlehen'),
  amountCents: z.number().int().min(100_000, 'Mindestens 1.000 € Darlehen.').max(10_000_000_000),
  nominalRatePercent: z.number().min(0, 'Der Sollzins darf nicht negativ sein.').max(20),
  repayment: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('initial_percent'),
      percent: z.number().gt(0, 'Die Tilgung muss über 0 % liegen.').max(50),
    }),
    z.object({ kind: z.literal('fixed_rate'), rateCents: z.number().int().min(1).max(1_000_000_000) }),
  ]),
  fixedRateYears: z.number().int().min(1, 'Die Zinsbindung muss mindestens ein Jahr betragen.').max(40),
  specialRepaymentCentsPerYear: cents().default(0),
  repaymentFreeMonths: z.number().int().min(0).max(120).default(0),
  feesCents: cents().default(0),
  paymentsPerYear: z.union([z.literal(12), z.literal(4), z.literal(1)]).default(12),
  startMonth: month.default(currentMonth),
});
export type LoanPartRequest = z.infer<typeof loanPartSchema>;

export const annuityRequestSchema = z.object({
  parts: z.array(loanPartSchema).min(1).max(5),
});

export const offerSchema = loanPartSchema.extend({
  /** The right to repay this share of the loan extra each year, as the offer grants it. */
  specialRepaymentRightPercent: percent(100).default(0),
});
export const compareRequestSchema = z.object({
  offers: z.array(offerSchema).min(2, 'Mindestens zwei Angebote vergleichen.').max(5),
});

export const purchaseCostRequestSchema = z.object({
  priceCents: z.number().int().min(100_000).max(10_000_000_000),
  movablesCents: cents().default(0),
  state: z.enum(STATE_CODES as [string, ...string[]]),
  contractDate: day.default(() => new Date().toISOString().slice(0, 10)),
  notaryPercent: percent(10).default(1.5),
  landRegistryPercent: percent(10).default(0.5),
  commission: z
    .object({ totalPercent: percent(20), buyerSharePercent: percent(100) })
    .nullable()
    .default(null),
  propertyKind: z.enum(['wohnung', 'einfamilienhaus', 'sonstiges']).default('wohnung'),
  buyerIsConsumer: z.boolean().default(true),
  loanToValuePercent: percent(120).default(100),
});

export const affordabilityRequestSchema = z.object({
  netIncomeMonthlyCents: z.number().int().min(1, 'Bitte das Nettoeinkommen angeben.').max(1_000_000_000),
  expensesMonthlyCents: cents(1_000_000_000),
  maxRateSharePercent: percent(100).default(40),
  equityCents: cents(),
  nominalRatePercent: z.number().min(0).max(20),
  initialRepaymentPercent: z.number().gt(0).max(50),
  sideCostsPercent: percent(30),
});

export const investmentRequestSchema = z.object({
  priceCents: z.number().int().min(100_000).max(10_000_000_000),
  sideCostsCents: cents(),
  monthlyColdRentCents: z.number().int().min(1, 'Bitte eine Kaltmiete angeben.').max(100_000_000),
  nonRecoverableCostsYearlyCents: cents(100_000_000).default(0),
  vacancyPercent: percent(100).default(2),
  equityCents: cents(),
  nominalRatePercent: z.number().min(0).max(20),
  initialRepaymentPercent: z.number().gt(0).max(50),
  buildingSharePercent: percent(100).default(80),
  completionYear: z.number().int().min(1500).max(2100),
  marginalTaxPercent: percent(45).default(42),
  rentGrowthPercent: z.number().min(-10).max(20).default(1.5),
  valueGrowthPercent: z.number().min(-10).max(20).default(1.5),
  costGrowthPercent: z.number().min(-10).max(20).default(2),
  years: z.number().int().min(1).max(30).default(10),
  startMonth: month.default(currentMonth),
});

export type InvestmentRequest = z.infer<typeof investmentRequestSchema>;

export const SCENARIO_KINDS = [
  'annuity',
  'compare',
  'purchase_costs',
  'affordability',
  'investment',
] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export const scenarioRequestSchema = z.object({
  kind: z.enum(SCENARIO_KINDS),
  name: z.string().trim().min(1).max(120),
  propertyId: z.string().uuid().nullable().default(null),
  input: z.record(z.string(), z.unknown()),
});

export const scenarioSchema = z.object({
  id: z.string(),
  kind: z.enum(SCENARIO_KINDS),
  name: z.string(),
  propertyId: z.string().nullable(),
  propertyTitle: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ScenarioView = z.infer<typeof scenarioSchema>;

export const propertyDefaultsSchema = z.object({
  propertyId: z.string(),
  title: z.string(),
  marketingType: z.string(),
  priceCents: z.number().nullable(),
  monthlyColdRentCents: z.number().nullable(),
  completionYear: z.number().nullable(),
  state: z.string().nullable(),
  stateSource: z.enum(['property', 'postal_code', 'none']),
  propertyKind: z.enum(['wohnung', 'einfamilienhaus', 'sonstiges']),
  commissionText: z.string().nullable(),
});
export type PropertyDefaults = z.infer<typeof propertyDefaultsSchema>;

// Response shapes, so the OpenAPI document describes every figure a calculator returns.
const scheduleRow = {
  openingCents: z.number(),
  paymentCents: z.number(),
  interestCents: z.number(),
  repaymentCents: z.number(),
  specialRepaymentCents: z.number(),
  closingCents: z.number(),
};
const scheduleYearSchema = z.object({ year: z.number(), ...scheduleRow });
export const financingPlanSchema = z.object({
  parts: z.array(
    z.object({
      name: z.string(),
      amountCents: z.number(),
      rateCents: z.number().describe('Regular rate per payment'),
      paymentsPerYear: z.number(),
      fixedRateYears: z.number(),
      remainingAtFixedEndCents: z.number(),
      interestDuringFixedCents: z.number(),
      totalInterestCents: z.number(),
      totalPaidCents: z.number(),
      payoffPeriods: z.number(),
      payoffMonth: z.string(),
      effectiveRatePercent: z.number().nullable(),
      schedule: z.array(z.object({ period: z.number(), month: z.string(), ...scheduleRow })),
      years: z.array(scheduleYearSchema),
    }),
  ),
  totalAmountCents: z.number(),
  totalRateCents: z.number(),
  totalInterestCents: z.number(),
  effectiveRatePercent: z.number().nullable(),
  years: z.array(scheduleYearSchema),
});

export const offerComparisonSchema = z.object({
  horizonYears: z.number(),
  cheapest: z.string(),
  offers: z.array(
    z.object({
      name: z.string(),
      rateCents: z.number(),
      nominalRatePercent: z.number(),
      effectiveRatePercent: z.number().nullable(),
      fixedRateYears: z.number(),
      feesCents: z.number(),
      specialRepaymentRightPercent: z.number(),
      remainingAtFixedEndCents: z.number(),
      interestDuringFixedCents: z.number(),
      costToHorizonCents: z.number(),
      remainingAtHorizonCents: z.number(),
      remainingByYear: z.array(z.number()),
      rank: z.number(),
      breakEven: z
        .object({
          against: z.string(),
          untilYears: z.number(),
          ratePercent: z.number().nullable(),
          beyond: z.enum(['below', 'above']).nullable(),
        })
        .nullable(),
    }),
  ),
});

export const purchaseCostSchema = z.object({
  transferTax: z.object({
    state: z.string(),
    stateName: z.string(),
    ratePercent: z.number(),
    validFrom: z.string(),
    baseCents: z.number(),
    cents: z.number(),
  }),
  notaryCents: z.number(),
  landRegistryCents: z.number(),
  commission: z
    .object({
      buyerPercent: z.number(),
      buyerCents: z.number(),
      sellerPercent: z.number(),
      sellerCents: z.number(),
    })
    .nullable(),
  sideCostsCents: z.number(),
  sideCostsPercent: z.number(),
  totalCostCents: z.number(),
  loanCents: z.number(),
  equityNeededCents: z.number(),
  notes: z.array(z.string()),
});

export const affordabilitySchema = z.object({
  monthlyRateCents: z.number(),
  limitedBy: z.enum(['surplus', 'income_share']),
  loanCents: z.number(),
  maxPriceCents: z.number(),
  sideCostsCents: z.number(),
  totalCostCents: z.number(),
  equityCoversSideCosts: z.boolean(),
});

const investmentYearSchema = z.object({
  year: z.number(),
  rentCents: z.number(),
  costsCents: z.number(),
  interestCents: z.number(),
  repaymentCents: z.number(),
  depreciationCents: z.number(),
  taxableCents: z.number(),
  taxCents: z.number().describe('Positive: tax to pay; negative: tax saved'),
  cashFlowBeforeTaxCents: z.number(),
  cashFlowAfterTaxCents: z.number(),
  remainingDebtCents: z.number(),
  valueCents: z.number(),
});
export const investmentSchema = z.object({
  grossYieldPercent: z.number(),
  netYieldPercent: z.number(),
  purchasePriceFactor: z.number(),
  loanCents: z.number(),
  depreciation: z.object({
    ratePercent: z.number(),
    baseCents: z.number(),
    yearlyCents: z.number(),
    rule: z.string(),
  }),
  firstYear: investmentYearSchema,
  returnOnEquityPercent: z.number().nullable(),
  irrPercent: z.number().nullable(),
  projection: z.array(investmentYearSchema),
  saleValueCents: z.number(),
  notes: z.array(z.string()),
});
