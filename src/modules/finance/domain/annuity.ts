import { Dec, FinanceInputError, roundPercent, toCents } from './money.js';
import { annualRate, type CashFlow } from './rate-solver.js';

export type PaymentsPerYear = 12 | 4 | 1;

export interface LoanPartInput {
  name: string;
  amountCents: number;
  /** Sollzins p.a. in percent. */
  nominalRatePercent: number;
  /** Anfängliche Tilgung in percent p.a., or a fixed rate per payment. */
  repayment: { kind: 'initial_percent'; percent: number } | { kind: 'fixed_rate'; rateCents: number };
  /** Sollzinsbindung in years. */
  fixedRateYears: number;
  /** Paid at the end of every loan year, from the first full year on. */
  specialRepaymentCentsPerYear: number;
  /** Tilgungsfreie Anlaufzeit: only interest is paid in these first months. */
  repaymentFreeMonths: number;
  /** Bearbeitungs- or Bereitstellungsgebühren paid at the start; they raise the effective rate. */
  feesCents: number;
  paymentsPerYear: PaymentsPerYear;
  /** Month of the payout, `YYYY-MM`; the first rate is due one period later. */
  startMonth: string;
}

export interface SchedulePeriod {
  period: number;
  month: string;
  openingCents: number;
  paymentCents: number;
  interestCents: number;
  repaymentCents: number;
  specialRepaymentCents: number;
  closingCents: number;
}

export interface ScheduleYear {
  year: number;
  openingCents: number;
  paymentCents: number;
  interestCents: number;
  repaymentCents: number;
  specialRepaymentCents: number;
  closingCents: number;
}

export interface LoanPartResult {
  name: string;
  amountCents: number;
  /** The regular rate per payment (per month for monthly loans). */
  rateCents: number;
  paymentsPerYear: PaymentsPerYear;
  fixedRateYears: number;
  remainingAtFixedEndCents: number;
  interestDuringFixedCents: number;
  totalInterestCents: number;
  totalPaidCents: number;
  /** Payments until the debt is gone, assuming the Sollzins stays after the Zinsbindung. */
  payoffPeriods: number;
  payoffMonth: string;
  effectiveRatePercent: number | null;
  schedule: SchedulePeriod[];
  years: ScheduleYear[];
}

/** Beyond this a plan is no plan: the rate hardly exceeds the interest. */
const MAX_YEARS = 100;

export function addMonths(month: string, add: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + add;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The regular rate: (Sollzins + anfängliche Tilgung) of the amount per year, split over the payments. */
export function regularRate(part: LoanPartInput): number {
  if (part.repayment.kind === 'fixed_rate') return part.repayment.rateCents;
  return toCents(
    new Dec(part.amountCents)
      .mul(new Dec(part.nominalRatePercent).add(part.repayment.percent))
      .div(100)
      .div(part.paymentsPerYear),
  );
}

/**
 * The amortisation schedule of one annuity loan as German banks compute it: interest per period
 * on the opening balance at Sollzins / payments per year (30/360), rounded to the cent; the rest
 * of the rate repays; the last rate is only what is left; Sondertilgungen at each year's end.
 */
export function amortise(part: LoanPartInput): LoanPartResult {
  const perPeriod = new Dec(part.nominalRatePercent).div(100).div(part.paymentsPerYear);
  const rate = regularRate(part);
  const interestOf = (balance: number) => toCents(perPeriod.mul(balance));
  const freePeriods = Math.round((part.repaymentFreeMonths * part.paymentsPerYear) / 12);
  const monthsPerPeriod = 12 / part.paymentsPerYear;
  const firstInterest = interestOf(part.amountCents);
  if (rate <= firstInterest)
    throw new FinanceInputError(
      part.repayment.kind === 'fixed_rate' ? 'repayment.rateCents' : 'repayment.percent',
      `„${part.name}“: Die Rate von ${(rate / 100).toFixed(2)} € deckt nicht einmal die Zinsen von ${(firstInterest / 100).toFixed(2)} € – so würde das Darlehen nie getilgt.`,
    );

  const schedule: SchedulePeriod[] = [];
  let balance = part.amountCents;
  const maxPeriods = MAX_YEARS * part.paymentsPerYear;
  for (let period = 1; balance > 0; period++) {
    if (period > maxPeriods)
      throw new FinanceInputError(
        'repayment',
        `„${part.name}“: Mit dieser Rate wäre das Darlehen nach ${MAX_YEARS} Jahren nicht getilgt.`,
      );
    const interest = interestOf(balance);
    const payment = period <= freePeriods ? interest : Math.min(rate, balance + interest);
    const repayment = payment - interest;
    let closing = balance - repayment;
    const yearEnd = period % part.paymentsPerYear === 0;
    const special =
      yearEnd && period > freePeriods ? Math.min(part.specialRepaymentCentsPerYear, closing) : 0;
    closing -= special;
    schedule.push({
      period,
      month: addMonths(part.startMonth, period * monthsPerPeriod),
      openingCents: balance,
      paymentCents: payment,
      interestCents: interest,
      repaymentCents: repayment,
      specialRepaymentCents: special,
      closingCents: closing,
    });
    balance = closing;
  }

  const fixedPeriods = part.fixedRateYears * part.paymentsPerYear;
  const withinFixed = schedule.slice(0, fixedPeriods);
  const remainingAtFixedEndCents = withinFixed.at(-1)?.closingCents ?? part.amountCents;
  const sum = (rows: SchedulePeriod[], key: keyof SchedulePeriod) =>
    rows.reduce((total, row) => total + (row[key] as number), 0);
  const last = schedule.at(-1) as SchedulePeriod;
  return {
    name: part.name,
    amountCents: part.amountCents,
    rateCents: rate,
    paymentsPerYear: part.paymentsPerYear,
    fixedRateYears: part.fixedRateYears,
    remainingAtFixedEndCents,
    interestDuringFixedCents: sum(withinFixed, 'interestCents'),
    totalInterestCents: sum(schedule, 'interestCents'),
    totalPaidCents: sum(schedule, 'paymentCents') + sum(schedule, 'specialRepaymentCents'),
    payoffPeriods: schedule.length,
    payoffMonth: last.month,
    effectiveRatePercent: roundNullable(effectiveRate([{ part, schedule }])),
    schedule,
    years: yearsOf(schedule, part.paymentsPerYear),
  };
}

const roundNullable = (value: number | null) => (value === null ? null : roundPercent(value * 100, 2));

/**
 * Effective annual rate (PAngV § 16, annex) over the Sollzinsbindung: the payout net of fees
 * against every rate and Sondertilgung in that time and the remaining debt at its end, all
 * parts together. As a fraction, unrounded.
 */
export function effectiveRate(
  parts: Array<{ part: LoanPartInput; schedule: SchedulePeriod[] }>,
): number | null {
  const flows: CashFlow[] = [];
  for (const { part, schedule } of parts) {
    const fixedPeriods = part.fixedRateYears * part.paymentsPerYear;
    flows.push({ years: 0, amount: -(part.amountCents - part.feesCents) });
    for (const row of schedule.slice(0, fixedPeriods))
      flows.push({
        years: row.period / part.paymentsPerYear,
        amount: row.paymentCents + row.specialRepaymentCents,
      });
    const remaining = schedule[fixedPeriods - 1]?.closingCents ?? 0;
    if (remaining > 0) flows.push({ years: part.fixedRateYears, amount: remaining });
  }
  return annualRate(flows);
}

function yearsOf(schedule: SchedulePeriod[], paymentsPerYear: number): ScheduleYear[] {
  const years: ScheduleYear[] = [];
  for (const row of schedule) {
    const year = Math.ceil(row.period / paymentsPerYear);
    let current = years[year - 1];
    if (!current) {
      current = {
        year,
        openingCents: row.openingCents,
        paymentCents: 0,
        interestCents: 0,
        repaymentCents: 0,
        specialRepaymentCents: 0,
        closingCents: row.closingCents,
      };
      years.push(current);
    }
    current.paymentCents += row.paymentCents;
    current.interestCents += row.interestCents;
    current.repaymentCents += row.repaymentCents;
    current.specialRepaymentCents += row.specialRepaymentCents;
    current.closingCents = row.closingCents;
  }
  return years;
}

export interface FinancingPlan {
  parts: LoanPartResult[];
  totalAmountCents: number;
  /** Sum of the parts' regular rates; for monthly parts this is the monthly burden. */
  totalRateCents: number;
  totalInterestCents: number;
  effectiveRatePercent: number | null;
  years: ScheduleYear[];
}

/** Several loan parts (bank loan + KfW …) as one plan: rates, years and the effective rate combined. */
export function financingPlan(parts: LoanPartInput[]): FinancingPlan {
  const results = parts.map(amortise);
  const years: ScheduleYear[] = [];
  for (const result of results)
    for (const row of result.years) {
      const current = years[row.year - 1];
      if (!current) years[row.year - 1] = { ...row };
      else
        for (const key of [
          'openingCents',
          'paymentCents',
          'interestCents',
          'repaymentCents',
          'specialRepaymentCents',
          'closingCents',
        ] as const)
          current[key] += row[key];
    }
  // A part paid off early leaves no row in later years, but the others' rows must stay whole.
  const dense = Array.from({ length: years.length }, (_, i) => years[i] as ScheduleYear);
  return {
    parts: results,
    totalAmountCents: parts.reduce((s, p) => s + p.amountCents, 0),
    totalRateCents: results.reduce((s, r) => s + r.rateCents, 0),
    totalInterestCents: results.reduce((s, r) => s + r.totalInterestCents, 0),
    effectiveRatePercent: roundNullable(
      effectiveRate(parts.map((part, i) => ({ part, schedule: results[i]?.schedule ?? [] }))),
    ),
    years: dense,
  };
}
