import { describe, expect, it } from 'vitest';
import { invoiceTotals } from './invoice-totals.js';

describe('invoice totals', () => {
  it('computes VAT once on the sum, not per line (EN 16931 BR-CO-17)', () => {
    // Three lines of 0,33 €: per-line VAT would be 3 × 0,06 = 0,18 €; on the sum 0,99 € it is 0,19 €.
    const lines = Array.from({ length: 3 }, () => ({
      description: 'x',
      quantity: 1,
      unitCode: 'C62',
      unitPriceCents: 33,
    }));
    expect(invoiceTotals(lines, 'standard')).toMatchObject({ netCents: 99, vatCents: 19, grossCents: 118 });
  });

  it('rounds a line of a fractional quantity to the cent', () => {
    const t = invoiceTotals(
      [{ description: 'x', quantity: 2.5, unitCode: 'HUR', unitPriceCents: 8_999 }],
      'standard',
    );
    expect(t.lineNetCents).toEqual([22_498]);
  });

  it('a commission of 3 % on 685.000 € plus 19 % USt', () => {
    const t = invoiceTotals(
      [{ description: 'x', quantity: 1, unitCode: 'C62', unitPriceCents: 2_055_000 }],
      'standard',
    );
    expect(t).toMatchObject({ netCents: 2_055_000, vatCents: 390_450, grossCents: 2_445_450 });
  });

  it('reverse charge is net', () => {
    const t = invoiceTotals(
      [{ description: 'x', quantity: 1, unitCode: 'MON', unitPriceCents: 14_900 }],
      'reverse_charge',
    );
    expect(t).toMatchObject({ vatPercent: 0, vatCents: 0, grossCents: 14_900 });
  });
});
