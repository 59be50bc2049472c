import { describe, expect, it } from 'vitest';
import { daysOnMarket, diffSnapshot, pricePercentile } from './competitor-diff.js';

const known = [
  { id: 'a', externalRef: 'K-1', priceCents: 50_000_000, withdrawnOn: null },
  { id: 'b', externalRef: 'K-2', priceCents: 40_000_000, withdrawnOn: null },
  { id: 'c', externalRef: 'K-3', priceCents: 30_000_000, withdrawnOn: '2026-10-01' },
  { id: 'd', externalRef: 'K-4', priceCents: 20_000_000, withdrawnOn: null },
];

describe('diffSnapshot', () => {
  it('finds new listings, price changes, withdrawals and listings that came back', () => {
    const diff = diffSnapshot(known, [
      { externalRef: 'K-1', priceCents: 47_500_000 },
      { externalRef: 'K-3', priceCents: 30_000_000 },
      { externalRef: 'K-4', priceCents: 20_000_000 },
      { externalRef: 'K-9', priceCents: 61_000_000 },
    ]);
    expect(diff.created).toEqual(['K-9']);
    expect(diff.priceChanged).toEqual([
      { id: 'a', externalRef: 'K-1', oldPriceCents: 50_000_000, newPriceCents: 47_500_000 },
    ]);
    expect(diff.withdrawn).toEqual(['b']);
    expect(diff.relisted).toEqual(['c']);
    expect(diff.unchanged).toBe(1);
  });

  it('an empty first feed creates everything; the same feed again changes nothing', () => {
    const first = diffSnapshot([], [{ externalRef: 'X', priceCents: 1 }]);
    expect(first.created).toEqual(['X']);
    const again = diffSnapshot(
      [{ id: 'x', externalRef: 'X', priceCents: 1, withdrawnOn: null }],
      [{ externalRef: 'X', priceCents: 1 }],
    );
    expect(again).toEqual({ created: [], priceChanged: [], relisted: [], withdrawn: [], unchanged: 1 });
  });
});

describe('daysOnMarket and pricePercentile', () => {
  it('counts the first day and ranks a price among others', () => {
    expect(daysOnMarket('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysOnMarket('2026-03-28', '2026-03-30')).toBe(3); // over the change to summer time
    expect(pricePercentile(5000, [4000, 4500, 5500, 6000])).toBe(50);
    expect(pricePercentile(7000, [4000, 4500])).toBe(100);
    expect(pricePercentile(5000, [5000])).toBe(50);
    expect(pricePercentile(5000, [])).toBeNull();
  });
});
