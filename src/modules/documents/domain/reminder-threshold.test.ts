import { describe, expect, it } from 'vitest';
import { daysUntil, reminderThreshold } from './reminder-threshold.js';

describe('expiry reminder thresholds', () => {
  it('counts calendar days, across a daylight-saving change', () => {
    expect(daysUntil('2026-03-30', '2026-03-28')).toBe(2);
    expect(daysUntil('2026-03-28', '2026-03-30')).toBe(-2);
  });
  it('picks the tightest threshold reached', () => {
    expect(reminderThreshold('2027-06-01', '2026-12-01')).toBeNull();
    expect(reminderThreshold('2027-01-30', '2026-12-01')).toBe(60);
    expect(reminderThreshold('2026-12-31', '2026-12-01')).toBe(30);
    expect(reminderThreshold('2026-12-08', '2026-12-01')).toBe(7);
    expect(reminderThreshold('2026-12-01', '2026-12-01')).toBe(0);
    expect(reminderThreshold('2025-01-01', '2026-12-01')).toBe(0);
  });
});
