import { describe, expect, it } from 'vitest';
import { depreciationRate, type InvestmentInput, investment } from './investment.js';

const flat: InvestmentInput = {
  priceCents: 30_000_000,
  sideCostsCents: 3_000_000,
  monthlyColdRentCents: 100_000,
  nonRecoverableCostsYearlyCents: 180_000,
  vacancyPercent: 0,
  equityCents: 6_000_000,
  nominalRatePercent: 3.5,
  initialRepaymentPercent: 2,
  buildingSharePercent: 80,
  completionYear: 1998,
  marginalTaxPercent: 42,
  rentGrowthPercent: 1.5,
  valueGrowthPercent: 1.5,
  costGrowthPercent: 2,
  years: 10,
  startMonth: '2026-12',
};

describe('investor figures', () => {
  it('depreciates by completion year: 2,5 % before 1925, 3 % after 2022, else 2 %', () => {
    expect(depreciationRate(1910).ratePercent).toBe(2.5);
    expect(depreciationRate(1925).ratePercent).toBe(2);
    expect(depreciationRate(2022).ratePercent).toBe(2);
    expect(depreciationRate(2023).ratePercent).toBe(3);
  });

  it('computes yields, factor, AfA on the building share and the tax effect', () => {
    const result = investment(flat);
    expect(result.grossYieldPercent).toBe(4);
    expect(result.purchasePriceFactor).toBe(25);
    // (12.000 − 1.800) / 330.000
    expect(result.netYieldPercent).toBe(3.09);
    expect(result.loanCents).toBe(27_000_000);
    expect(result.depreciation).toMatchObject({
      ratePercent: 2,
      baseCents: 26_400_000,
      yearlyCents: 528_000,
    });
    const y1 = result.firstYear;
    expect(y1.taxableCents).toBe(y1.rentCents - y1.costsCents - y1.interestCents - 528_000);
    // A loss against other income saves tax: the tax effect is negative.
    expect(y1.taxCents).toBeLessThan(0);
    expect(y1.cashFlowAfterTaxCents).toBe(y1.cashFlowBeforeTaxCents - y1.taxCents);
    expect(result.projection).toHaveLength(10);
    expect(result.projection[9]?.remainingDebtCents).toBeLessThan(27_000_000);
    expect(result.irrPercent).not.toBeNull();
  });

  it('has an IRR equal to the rent yield when bought in cash without growth, costs or tax', () => {
    const result = investment({
      ...flat,
      priceCents: 10_000_000,
      sideCostsCents: 0,
      monthlyColdRentCents: 50_000,
      nonRecoverableCostsYearlyCents: 0,
      equityCents: 10_000_000,
      marginalTaxPercent: 0,
      rentGrowthPercent: 0,
      valueGrowthPercent: 0,
    });
    expect(result.loanCents).toBe(0);
    expect(result.irrPercent).toBe(6);
    expect(result.returnOnEquityPercent).toBe(6);
  });

  it('refuses more equity than the purchase costs', () => {
    expect(() => investment({ ...flat, equityCents: 40_000_000 })).toThrow(
      expect.objectContaining({ field: 'equityCents' }),
    );
  });
});
