import { describe, expect, it } from 'vitest';
import { checkCapacity, violationMessage } from './plan-catalogue.js';

describe('plan limits', () => {
  it('lets a resource grow up to the limit and not one past it', () => {
    expect(checkCapacity('free', 'properties', 9)).toBeNull();
    expect(checkCapacity('free', 'properties', 10)).toEqual({
      resource: 'properties',
      plan: 'free',
      limit: 10,
      used: 10,
      upgradeTo: 'professional',
    });
  });

  it('names the smallest plan that fits, and none above the largest', () => {
    expect(checkCapacity('free', 'properties', 300)?.upgradeTo).toBe('enterprise');
    expect(checkCapacity('enterprise', 'properties', 1_000_000)).toBeNull();
    expect(checkCapacity('professional', 'users', 10, 1)?.upgradeTo).toBe('enterprise');
  });

  it('explains the limit in German with the way up', () => {
    const v = checkCapacity('free', 'users', 2)!;
    expect(violationMessage(v)).toBe(
      'Ihr Tarif Free umfasst 2 Benutzer; 2 sind schon angelegt. Mit Professional sind es 10.',
    );
    expect(violationMessage(checkCapacity('professional', 'users', 10)!)).toContain(
      'Mit Enterprise sind es unbegrenzt viele.',
    );
  });
});
