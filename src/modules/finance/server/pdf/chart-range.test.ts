import { describe, expect, it } from 'vitest';
import { chartRange, chartTicks } from './finance-pdf.js';

describe('PDF chart axes (issue 18.3)', () => {
  it('span negative cash flows instead of clipping them to an empty chart', () => {
    const range = chartRange({
      labels: ['2027', '2028'],
      series: [{ values: [-412_300, -98_000] }],
      stacked: false,
    } as never);
    expect(range.lo).toBeLessThan(-412_300);
    expect(range.hi).toBe(0);
    expect(chartTicks(range.lo, range.hi)).toContain(0);
  });

  it('keep zero on the axis when values change sign, and give a flat chart a range', () => {
    const mixed = chartRange({
      labels: ['a', 'b'],
      series: [{ values: [-50, 120] }],
      stacked: false,
    } as never);
    expect(mixed.lo).toBeLessThan(0);
    expect(mixed.hi).toBeGreaterThanOrEqual(120);
    expect(chartRange({ labels: ['a'], series: [{ values: [0] }], stacked: false } as never)).toEqual({
      lo: 0,
      hi: 1,
    });
    expect(chartTicks(0, 1)).toEqual([0]);
  });
});
