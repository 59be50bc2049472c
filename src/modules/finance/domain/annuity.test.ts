import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amortise, effectiveRate, financingPlan, type LoanPartInput } from './annuity.js';
import { annualRate } from './rate-solver.js';

const loan = (over: Partial<LoanPartInput> = {}): LoanPartInput => ({
  name: 'Bankdarlehen',
  amountCents: 30_000_000,
  nominalRatePercent: 3.5,
  repayment: { kind: 'initial_percent', percent: 2 },
  fixedRateYears: 10,
  specialRepaymentCentsPerYear: 0,
  repaymentFreeMonths: 0,
  feesCents: 0,
  paymentsPerYear: 12,
  startMonth: '2026-12',
  ...over,
});

describe('annuity loan against published worked examples', () => {
  // Source: mathelounge.de/847349 "Annuitätendarlehen berechnen" — Tilgungsplan from
  // zinsen-berechnen.de/kreditrechner.php: 500.000 €, 4 % Zins, 2 % Tilgung, jährliche Annuität 30.000 €.
  it('500.000 € at 4 % with 2 % initial repayment, yearly (zinsen-berechnen.de)', () => {
    const result = amortise(
      loan({ amountCents: 50_000_000, nominalRatePercent: 4, paymentsPerYear: 1, fixedRateYears: 10 }),
    );
    expect(result.rateCents).toBe(3_000_000);
    const year = (n: number) => result.years[n - 1];
    expect(year(1)).toMatchObject({
      interestCents: 2_000_000,
      repaymentCents: 1_000_000,
      closingCents: 49_000_000,
    });
    expect(year(4)?.closingCents).toBe(45_753_536);
    // The source carries unrounded interest from year to year; we round every posting to the
    // cent as a bank statement does, so later rows may differ from it by a cent or two.
    const near = (actual: number | undefined, published: number) =>
      expect(Math.abs((actual ?? Number.NaN) - published)).toBeLessThanOrEqual(2);
    near(year(10)?.closingCents, 37_993_893);
    near(result.remainingAtFixedEndCents, 37_993_893);
    near(year(28)?.closingCents, 32_417);
    near(year(29)?.paymentCents, 33_714);
    near(year(29)?.interestCents, 1_297);
    expect(year(29)?.closingCents).toBe(0);
    expect(result.payoffPeriods).toBe(29);
    near(result.totalInterestCents, 34_033_714);
  });

  // Source: mathelounge.de/395031 "Tilgungsplan aufstellen": 100.000 €, 8 %, 10 Jahre,
  // Annuität J = 14.902,95 €; erste Zeile Zinsen 8.000 €, Tilgung 6.902,95 €, Restschuld 93.097,05 €.
  it('100.000 € at 8 % with a yearly annuity of 14.902,95 € is repaid in ten years (mathelounge)', () => {
    const result = amortise(
      loan({
        amountCents: 10_000_000,
        nominalRatePercent: 8,
        paymentsPerYear: 1,
        repayment: { kind: 'fixed_rate', rateCents: 1_490_295 },
      }),
    );
    expect(result.years[0]).toMatchObject({
      interestCents: 800_000,
      repaymentCents: 690_295,
      closingCents: 9_309_705,
    });
    expect(result.payoffPeriods).toBe(10);
    // The rounded annuity leaves the last rate a few cents off the others.
    expect(Math.abs((result.schedule.at(-1)?.paymentCents ?? 0) - 1_490_295)).toBeLessThan(10);
  });

  // Source: textbook annuity formula for the remaining debt (nachschüssige Rente), e.g.
  // max-academy.de "Annuitätendarlehen": R_n = K·qⁿ − A·(qⁿ − 1)/(q − 1), q = 1 + i/12.
  it('monthly remaining debt follows the closed formula to within cents of rounding', () => {
    const part = loan();
    const result = amortise(part);
    const q = 1 + 0.035 / 12;
    const n = 120;
    const closed = part.amountCents * q ** n - (result.rateCents * (q ** n - 1)) / (q - 1);
    expect(result.rateCents).toBe(137_500); // 300.000 € × 5,5 % / 12
    expect(Math.abs(result.remainingAtFixedEndCents - closed)).toBeLessThan(60);
  });
});

describe('effective annual rate (PAngV annex; examples of Directive 98/7/EC, Annex III)', () => {
  it('a single repayment of 1.200 after 1½ years for 1.000 lent is 12,92 %', () => {
    expect(
      (annualRate([
        { years: 0, amount: -1000 },
        { years: 1.5, amount: 1200 },
      ]) ?? 0) * 100,
    ).toBeCloseTo(12.92, 2);
  });
  it('the same with 50 kept as fees is 16,85 %', () => {
    expect(
      (annualRate([
        { years: 0, amount: -950 },
        { years: 1.5, amount: 1200 },
      ]) ?? 0) * 100,
    ).toBeCloseTo(16.85, 2);
  });
  it('two yearly payments of 600 for 1.000 lent is 13,07 %', () => {
    const rate = annualRate([
      { years: 0, amount: -1000 },
      { years: 1, amount: 600 },
      { years: 2, amount: 600 },
    ]);
    expect((rate ?? 0) * 100).toBeCloseTo(13.07, 2);
  });
  it('monthly payments make 3,5 % nominal about 3,56 % effective; fees raise it further', () => {
    expect(amortise(loan()).effectiveRatePercent).toBe(3.56);
    expect(amortise(loan({ feesCents: 300_000 })).effectiveRatePercent).toBeGreaterThan(3.66);
  });
});

describe('schedule features', () => {
  it('pays only interest in the repayment-free months, then the full rate', () => {
    const result = amortise(loan({ repaymentFreeMonths: 12 }));
    expect(result.schedule[11]).toMatchObject({
      repaymentCents: 0,
      closingCents: 30_000_000,
      paymentCents: 87_500,
    });
    expect(result.schedule[12]?.paymentCents).toBe(137_500);
  });

  it('yearly special repayments shorten the term and cut the interest', () => {
    const plain = amortise(loan());
    const special = amortise(loan({ specialRepaymentCentsPerYear: 500_000 }));
    expect(special.schedule[11]?.specialRepaymentCents).toBe(500_000);
    expect(special.schedule[10]?.specialRepaymentCents).toBe(0);
    expect(special.payoffPeriods).toBeLessThan(plain.payoffPeriods);
    expect(special.totalInterestCents).toBeLessThan(plain.totalInterestCents);
  });

  it('combines a bank loan and a KfW loan into one plan', () => {
    const plan = financingPlan([
      loan(),
      loan({
        name: 'KfW 124',
        amountCents: 10_000_000,
        nominalRatePercent: 2.9,
        fixedRateYears: 10,
        repayment: { kind: 'initial_percent', percent: 3 },
      }),
    ]);
    expect(plan.totalAmountCents).toBe(40_000_000);
    expect(plan.totalRateCents).toBe(137_500 + 49_167);
    expect(plan.years[0]?.openingCents).toBe(40_000_000);
    expect(plan.years.at(-1)?.closingCents).toBe(0);
    expect(plan.effectiveRatePercent).toBeGreaterThan(2.9);
    expect(plan.effectiveRatePercent).toBeLessThan(3.56);
  });

  it('refuses a rate that does not cover the interest, naming the field', () => {
    expect(() => amortise(loan({ repayment: { kind: 'fixed_rate', rateCents: 80_000 } }))).toThrow(
      expect.objectContaining({ field: 'repayment.rateCents' }),
    );
  });
});

const partArbitrary = fc.record({
  amountCents: fc.integer({ min: 100_000, max: 200_000_000 }),
  nominalRatePercent: fc.integer({ min: 0, max: 1200 }).map((v) => v / 100),
  repaymentPercent: fc.integer({ min: 150, max: 1000 }).map((v) => v / 100),
  fixedRateYears: fc.integer({ min: 1, max: 30 }),
  specialShare: fc.integer({ min: 0, max: 10 }),
  repaymentFreeMonths: fc.integer({ min: 0, max: 36 }),
  paymentsPerYear: fc.constantFrom(12 as const, 4 as const, 1 as const),
});
type PartSample = typeof partArbitrary extends fc.Arbitrary<infer T> ? T : never;
const toPart = (p: PartSample): LoanPartInput =>
  loan({
    amountCents: p.amountCents,
    nominalRatePercent: p.nominalRatePercent,
    repayment: { kind: 'initial_percent', percent: p.repaymentPercent },
    fixedRateYears: p.fixedRateYears,
    specialRepaymentCentsPerYear: Math.round((p.amountCents * p.specialShare) / 100),
    repaymentFreeMonths: p.repaymentFreeMonths,
    paymentsPerYear: p.paymentsPerYear,
  });

describe('properties of every schedule', () => {
  it('repayments and special repayments sum to the loan; the debt never goes negative or up', () => {
    fc.assert(
      fc.property(partArbitrary, (p) => {
        const result = amortise(toPart(p));
        const repaid = result.schedule.reduce((s, r) => s + r.repaymentCents + r.specialRepaymentCents, 0);
        expect(repaid).toBe(p.amountCents);
        for (const row of result.schedule) {
          expect(row.closingCents).toBeGreaterThanOrEqual(0);
          expect(row.closingCents).toBeLessThanOrEqual(row.openingCents);
          expect(row.paymentCents).toBe(row.interestCents + row.repaymentCents);
        }
        expect(result.schedule.at(-1)?.closingCents).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('with no fees and yearly interest the effective rate is the nominal rate', () => {
    fc.assert(
      fc.property(partArbitrary, (p) => {
        const part = { ...toPart(p), paymentsPerYear: 1 as const, repaymentFreeMonths: 0 };
        const result = amortise(part);
        const rate = effectiveRate([{ part, schedule: result.schedule }]);
        // Interest is rounded to the cent each year; that moves the rate by far less than 0,001 %.
        expect(Math.abs((rate ?? 0) * 100 - p.nominalRatePercent)).toBeLessThan(0.001);
      }),
      { numRuns: 150 },
    );
  });

  it('fees always make the effective rate higher than without them', () => {
    fc.assert(
      fc.property(partArbitrary, fc.integer({ min: 1, max: 5 }), (p, feePercent) => {
        const part = toPart(p);
        const withFees = { ...part, feesCents: Math.round((part.amountCents * feePercent) / 100) };
        const base = effectiveRate([{ part, schedule: amortise(part).schedule }]) ?? 0;
        const raised = effectiveRate([{ part: withFees, schedule: amortise(withFees).schedule }]) ?? 0;
        expect(raised).toBeGreaterThan(base);
      }),
      { numRuns: 100 },
    );
  });
});
