import { describe, expect, it } from 'vitest';
import { compareOffers, type Offer } from './offers.js';

const offer = (over: Partial<Offer>): Offer => ({
  name: 'A',
  amountCents: 30_000_000,
  nominalRatePercent: 3.5,
  repayment: { kind: 'initial_percent', percent: 2 },
  fixedRateYears: 10,
  specialRepaymentCentsPerYear: 0,
  repaymentFreeMonths: 0,
  feesCents: 0,
  paymentsPerYear: 12,
  startMonth: '2026-12',
  specialRepaymentRightPercent: 5,
  ...over,
});

describe('rate risk of the shorter Zinsbindung (issue 18.14)', () => {
  it('is break-even at the same rate when both offers charge the same', () => {
    const { offers } = compareOffers([
      offer({ name: '10 Jahre' }),
      offer({ name: '15 Jahre', fixedRateYears: 15 }),
    ]);
    const ten = offers.find((o) => o.name === '10 Jahre');
    expect(ten?.breakEven?.against).toBe('15 Jahre');
    expect(ten?.breakEven?.untilYears).toBe(15);
    // Continuing at 3,5 % with the same payment is the 15-year offer exactly.
    expect(ten?.breakEven?.ratePercent).toBeCloseTo(3.5, 1);
    expect(offers.find((o) => o.name === '15 Jahre')?.breakEven).toBeNull();
  });

  it('lets the shorter, cheaper offer afford a higher follow-up rate', () => {
    const { offers } = compareOffers([
      offer({ name: '10 Jahre', nominalRatePercent: 3.3 }),
      offer({ name: '15 Jahre', fixedRateYears: 15, nominalRatePercent: 3.7 }),
    ]);
    const rate = offers.find((o) => o.name === '10 Jahre')?.breakEven?.ratePercent ?? 0;
    expect(rate).toBeGreaterThan(3.7);
    expect(rate).toBeLessThan(6);
  });
});
