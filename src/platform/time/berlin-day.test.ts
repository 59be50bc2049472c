import { describe, expect, it } from 'vitest';
import { nextDay, startOfBerlinDay, todayInBerlin } from './berlin-day.js';

describe('Berlin calendar days', () => {
  it('begin at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(startOfBerlinDay('2027-01-15').toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(startOfBerlinDay('2027-07-15').toISOString()).toBe('2027-07-14T22:00:00.000Z');
  });

  it('get the switch days right (clocks change at 01:00 UTC)', () => {
    // 28.03.2027 begins in winter time, 31.10.2027 in summer time.
    expect(startOfBerlinDay('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(startOfBerlinDay('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfBerlinDay('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(startOfBerlinDay('2027-11-01').toISOString()).toBe('2027-10-31T23:00:00.000Z');
  });

  it('count the next day across months and leap years', () => {
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
    expect(todayInBerlin(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
  });
});
