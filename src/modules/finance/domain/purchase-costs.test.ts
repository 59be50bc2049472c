import { describe, expect, it } from 'vitest';
import { affordability } from './affordability.js';
import { type PurchaseCostInput, purchaseCosts } from './purchase-costs.js';
import { ratesOn, transferTaxRate } from './transfer-tax.js';

const base: PurchaseCostInput = {
  priceCents: 40_000_000,
  movablesCents: 0,
  state: 'BW',
  contractDate: '2026-12-01',
  notaryPercent: 1.5,
  landRegistryPercent: 0.5,
  commission: { totalPercent: 7.14, buyerSharePercent: 50 },
  propertyKind: 'wohnung',
  buyerIsConsumer: true,
  loanToValuePercent: 100,
};

describe('transfer tax table', () => {
  it('has a rate for all sixteen states today', () => {
    expect(ratesOn('2026-12-01')).toHaveLength(16);
    expect(transferTaxRate('BY', '2026-12-01')?.ratePercent).toBe(3.5);
    expect(transferTaxRate('NW', '2026-12-01')?.ratePercent).toBe(6.5);
  });

  // Bremen raised its rate from 5,0 % to 5,5 % on 1 July 2025 (Senate decision, reported e.g.
  // by auctoa.de "Grunderwerbsteuer Bremen 2025"); Thüringen lowered 6,5 % to 5,0 % on 1 Jan 2024.
  it('taxes a contract at the rate of its day', () => {
    expect(transferTaxRate('HB', '2025-06-30')?.ratePercent).toBe(5);
    expect(transferTaxRate('HB', '2025-07-01')?.ratePercent).toBe(5.5);
    expect(transferTaxRate('TH', '2023-12-31')?.ratePercent).toBe(6.5);
    expect(transferTaxRate('TH', '2024-01-01')?.ratePercent).toBe(5);
  });
});

describe('purchase side costs', () => {
  // The usual Baden-Württemberg rule of thumb: 5 % tax + ~2 % notary and land register +
  // 3,57 % buyer commission = 10,57 % of the price.
  it('adds up the side costs of a 400.000 € flat in Baden-Württemberg', () => {
    const result = purchaseCosts(base);
    expect(result.transferTax).toMatchObject({
      ratePercent: 5,
      cents: 2_000_000,
      stateName: 'Baden-Württemberg',
    });
    expect(result.notaryCents).toBe(600_000);
    expect(result.landRegistryCents).toBe(200_000);
    expect(result.commission).toMatchObject({
      buyerPercent: 3.57,
      buyerCents: 1_428_000,
      sellerCents: 1_428_000,
    });
    expect(result.sideCostsCents).toBe(4_228_000);
    expect(result.sideCostsPercent).toBe(10.57);
    expect(result.equityNeededCents).toBe(4_228_000);
    expect(result.notes[0]).toContain('§ 656c');
  });

  it('leaves movables out of the transfer tax and counts the equity for a partial loan', () => {
    const result = purchaseCosts({ ...base, movablesCents: 1_500_000, loanToValuePercent: 80 });
    expect(result.transferTax.baseCents).toBe(38_500_000);
    expect(result.transferTax.cents).toBe(1_925_000);
    expect(result.loanCents).toBe(32_000_000);
    expect(result.equityNeededCents).toBe(8_000_000 + result.sideCostsCents);
  });

  it('refuses a buyer share above half for a consumer buying a flat, naming the field', () => {
    expect(() =>
      purchaseCosts({ ...base, commission: { totalPercent: 7.14, buyerSharePercent: 100 } }),
    ).toThrow(expect.objectContaining({ field: 'commission.buyerSharePercent' }));
    // A company buying, or a commercial property, is free to agree otherwise.
    expect(
      purchaseCosts({
        ...base,
        buyerIsConsumer: false,
        commission: { totalPercent: 7.14, buyerSharePercent: 100 },
      }).commission?.buyerCents,
    ).toBe(2_856_000);
  });
});

describe('affordability', () => {
  it('finds the highest price from income, expenses, equity and the annuity', () => {
    const result = affordability({
      netIncomeMonthlyCents: 400_000,
      expensesMonthlyCents: 250_000,
      maxRateSharePercent: 40,
      equityCents: 6_000_000,
      nominalRatePercent: 3.5,
      initialRepaymentPercent: 2,
      sideCostsPercent: 10.57,
    });
    expect(result).toMatchObject({ monthlyRateCents: 150_000, limitedBy: 'surplus' });
    // 1.500 € × 12 / 5,5 % = 327.272,72 € → 327.272 €; (327.272 + 60.000) / 1,1057 = 350.250,5 €.
    expect(result.loanCents).toBe(32_727_200);
    expect(result.maxPriceCents).toBe(35_025_000);
    expect(result.equityCoversSideCosts).toBe(true);
  });

  it('caps the rate at the share of income banks accept', () => {
    const result = affordability({
      netIncomeMonthlyCents: 500_000,
      expensesMonthlyCents: 100_000,
      maxRateSharePercent: 35,
      equityCents: 0,
      nominalRatePercent: 3.5,
      initialRepaymentPercent: 2,
      sideCostsPercent: 10,
    });
    expect(result).toMatchObject({
      monthlyRateCents: 175_000,
      limitedBy: 'income_share',
      equityCoversSideCosts: false,
    });
  });

  it('refuses when nothing is left for a rate', () => {
    expect(() =>
      affordability({
        netIncomeMonthlyCents: 200_000,
        expensesMonthlyCents: 200_000,
        maxRateSharePercent: 40,
        equityCents: 0,
        nominalRatePercent: 3,
        initialRepaymentPercent: 2,
        sideCostsPercent: 10,
      }),
    ).toThrow(expect.objectContaining({ field: 'expensesMonthlyCents' }));
  });
});
