import { amortise } from './annuity.js';
import { Dec, FinanceInputError, percentOfCents, roundPercent, toCents } from './money.js';
import { annualRate, type CashFlow } from './rate-solver.js';

export interface InvestmentInput {
  priceCents: number;
  sideCostsCents: number;
  monthlyColdRentCents: number;
  /** Costs a landlord cannot pass on: maintenance reserve, management, non-allocable charges. */
  nonRecoverableCostsYearlyCents: number;
  vacancyPercent: number;
  equityCents: number;
  nominalRatePercent: number;
  initialRepaymentPercent: number;
  /** Share of the purchase that is the building; the land is not depreciated. */
  buildingSharePercent: number;
  completionYear: number;
  marginalTaxPercent: number;
  rentGrowthPercent: number;
  valueGrowthPercent: number;
  costGrowthPercent: number;
  years: number;
  startMonth: string;
}

export interface InvestmentYear {
  year: number;
  rentCents: number;
  costsCents: number;
  interestCents: number;
  repaymentCents: number;
  depreciationCents: number;
  taxableCents: number;
  /** Positive: tax to pay; negative: tax saved against other income. */
  taxCents: number;
  cashFlowBeforeTaxCents: number;
  cashFlowAfterTaxCents: number;
  remainingDebtCents: number;
  valueCents: number;
}

export interface InvestmentResult {
  grossYieldPercent: number;
  netYieldPercent: number;
  purchasePriceFactor: number;
  loanCents: number;
  depreciation: { ratePercent: number; baseCents: number; yearlyCents: number; rule: string };
  firstYear: InvestmentYear;
  returnOnEquityPercent: number | null;
  irrPercent: number | null;
  projection: InvestmentYear[];
  saleValueCents: number;
  notes: string[];
}

/** Linear AfA for residential buildings, § 7 Abs. 4 EStG. */
export function depreciationRate(completionYear: number): { ratePercent: number; rule: string } {
  if (completionYear < 1925)
    return { ratePercent: 2.5, rule: 'Fertigstellung vor 1925: 2,5 % (§ 7 Abs. 4 Satz 1 Nr. 2b EStG)' };
  if (completionYear >= 2023)
    return { ratePercent: 3, rule: 'Fertigstellung nach 2022: 3 % (§ 7 Abs. 4 Satz 1 Nr. 2a EStG)' };
  return { ratePercent: 2, rule: 'Fertigstellung 1925–2022: 2 % (§ 7 Abs. 4 Satz 1 Nr. 2b EStG)' };
}

const grown = (cents: number, percent: number, years: number) =>
  toCents(new Dec(cents).mul(new Dec(1).add(new Dec(percent).div(100)).pow(years)));

/**
 * Yields, cash flow before and after tax, return on equity and a projection with IRR for a
 * rented flat bought with a loan. Simplified on purpose and labelled so: tax at one marginal
 * rate, no solidarity surcharge or church tax, sale after the horizon tax-free (§ 23 EStG, ten
 * years), side costs depreciated with the building share.
 */
export function investment(input: InvestmentInput): InvestmentResult {
  const annualRent = input.monthlyColdRentCents * 12;
  if (annualRent <= 0) throw new FinanceInputError('monthlyColdRentCents', 'Bitte eine Kaltmiete angeben.');
  const invested = input.priceCents + input.sideCostsCents;
  if (input.equityCents > invested)
    throw new FinanceInputError(
      'equityCents',
      'Das Eigenkapital ist höher als Kaufpreis und Nebenkosten zusammen.',
    );
  const loanCents = invested - input.equityCents;
  const schedule =
    loanCents > 0
      ? amortise({
          name: 'Darlehen',
          amountCents: loanCents,
          nominalRatePercent: input.nominalRatePercent,
          repayment: { kind: 'initial_percent', percent: input.initialRepaymentPercent },
          fixedRateYears: Math.min(input.years, 40),
          specialRepaymentCentsPerYear: 0,
          repaymentFreeMonths: 0,
          feesCents: 0,
          paymentsPerYear: 12,
          startMonth: input.startMonth,
        }).years
      : [];
  const afa = depreciationRate(input.completionYear);
  const afaBase = percentOfCents(invested, input.buildingSharePercent);
  const afaYearly = percentOfCents(afaBase, afa.ratePercent);

  const projection: InvestmentYear[] = [];
  for (let year = 1; year <= input.years; year++) {
    const gross = grown(annualRent, input.rentGrowthPercent, year - 1);
    const rentCents = gross - percentOfCents(gross, input.vacancyPercent);
    const costsCents = grown(input.nonRecoverableCostsYearlyCents, input.costGrowthPercent, year - 1);
    const loanYear = schedule[year - 1];
    const interestCents = loanYear?.interestCents ?? 0;
    const repaymentCents = (loanYear?.repaymentCents ?? 0) + (loanYear?.specialRepaymentCents ?? 0);
    const taxableCents = rentCents - costsCents - interestCents - afaYearly;
    const taxCents = percentOfCents(taxableCents, input.marginalTaxPercent);
    const cashFlowBeforeTaxCents = rentCents - costsCents - interestCents - repaymentCents;
    projection.push({
      year,
      rentCents,
      costsCents,
      interestCents,
      repaymentCents,
      depreciationCents: afaYearly,
      taxableCents,
      taxCents,
      cashFlowBeforeTaxCents,
      cashFlowAfterTaxCents: cashFlowBeforeTaxCents - taxCents,
      remainingDebtCents: loanYear?.closingCents ?? 0,
      valueCents: grown(input.priceCents, input.valueGrowthPercent, year),
    });
  }
  const first = projection[0] as InvestmentYear;
  const last = projection.at(-1) as InvestmentYear;
  const saleValueCents = last.valueCents;
  const flows: CashFlow[] = [
    { years: 0, amount: -input.equityCents },
    ...projection.map((y) => ({ years: y.year, amount: y.cashFlowAfterTaxCents })),
    { years: input.years, amount: saleValueCents - last.remainingDebtCents },
  ];
  const irr = input.equityCents > 0 ? annualRate(flows) : null;
  const notes = [
    'Vereinfachte Steuerrechnung mit einem Grenzsteuersatz, ohne Solidaritätszuschlag und Kirchensteuer.',
    input.years >= 10
      ? 'Verkauf nach Ablauf der zehnjährigen Spekulationsfrist steuerfrei angenommen (§ 23 EStG).'
      : 'Achtung: Ein Verkauf innerhalb von zehn Jahren ist als privates Veräußerungsgeschäft steuerpflichtig (§ 23 EStG); das ist hier nicht gerechnet.',
  ];
  return {
    grossYieldPercent: roundPercent((annualRent / input.priceCents) * 100),
    netYieldPercent: roundPercent(((first.rentCents - first.costsCents) / invested) * 100),
    purchasePriceFactor: roundPercent(input.priceCents / annualRent, 1),
    loanCents,
    depreciation: {
      ratePercent: afa.ratePercent,
      baseCents: afaBase,
      yearlyCents: afaYearly,
      rule: afa.rule,
    },
    firstYear: first,
    returnOnEquityPercent:
      input.equityCents > 0
        ? roundPercent(((first.cashFlowAfterTaxCents + first.repaymentCents) / input.equityCents) * 100)
        : null,
    irrPercent: irr === null ? null : roundPercent(irr * 100),
    projection,
    saleValueCents,
    notes,
  };
}
