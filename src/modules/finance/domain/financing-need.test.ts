import { describe, expect, it } from 'vitest';
import { financingNeed } from './financing-need.js';

describe('financing need from price and equity (issue 18.14)', () => {
  it('lends price plus purchase costs minus equity', () => {
    // 450.000 € price, 10,5 % purchase costs (BW: 5 % tax, ~2 % notary/register, 3,57 % commission), 90.000 € equity.
    expect(
      financingNeed({ priceCents: 45_000_000, sideCostsCents: 4_725_000, equityCents: 9_000_000 }),
    ).toEqual({
      totalCents: 49_725_000,
      loanCents: 40_725_000,
      loanToValuePercent: 90.5,
      equityCoversSideCosts: true,
    });
  });

  it('says when the equity does not even cover the purchase costs, and never lends below zero', () => {
    expect(
      financingNeed({ priceCents: 30_000_000, sideCostsCents: 3_000_000, equityCents: 1_000_000 })
        .equityCoversSideCosts,
    ).toBe(false);
    expect(financingNeed({ priceCents: 100_000, sideCostsCents: 0, equityCents: 500_000 }).loanCents).toBe(0);
  });
});
