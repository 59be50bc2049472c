import { describe, expect, it } from 'vitest';
import { lastMonths } from './office-stats.js';

describe('months of the network report', () => {
  it('counts back from the Berlin month, across a year', () => {
    // 23:30 UTC on 31 December is already January in Berlin.
    expect(lastMonths(3, new Date('2026-12-31T23:30:00Z'))).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(lastMonths(2, new Date('2027-01-15T12:00:00Z'))).toEqual(['2026-12', '2027-01']);
  });
});
