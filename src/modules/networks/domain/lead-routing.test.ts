import { describe, expect, it } from 'vitest';
import { type LeadRule, routeLead } from './lead-routing.js';

const rule = (
  id: string,
  position: number,
  target: string,
  conditions: Partial<LeadRule> = {},
): LeadRule => ({
  id,
  position,
  postalPrefix: null,
  marketingType: null,
  objectType: null,
  targetTenantId: target,
  ...conditions,
});

const konstanzHouses = rule('r1', 1, 'konstanz', { postalPrefix: '784', objectType: 'haus' });
const konstanzAll = rule('r2', 2, 'radolfzell', { postalPrefix: '784' });
const rentals = rule('r3', 3, 'friedrichshafen', { marketingType: 'miete' });
const offices = new Set(['konstanz', 'radolfzell', 'friedrichshafen', 'zentrale']);

describe('routeLead', () => {
  it('takes the first matching rule by position, not by list order', () => {
    const lead = { postalCode: '78462', marketingType: 'kauf', objectType: 'haus' };
    expect(routeLead([konstanzAll, rentals, konstanzHouses], lead, offices, 'zentrale')).toEqual({
      tenantId: 'konstanz',
      ruleId: 'r1',
      reason: 'rule',
    });
  });

  it('needs every condition of a rule: a flat in Konstanz goes to the second rule', () => {
    const lead = { postalCode: '78464', marketingType: 'kauf', objectType: 'wohnung' };
    expect(routeLead([konstanzHouses, konstanzAll], lead, offices, null).tenantId).toBe('radolfzell');
  });

  it('a rule for a kind of object does not take a lead that names none', () => {
    const lead = { postalCode: '78462', marketingType: 'kauf', objectType: null };
    expect(routeLead([konstanzHouses], lead, offices, 'zentrale')).toEqual({
      tenantId: 'zentrale',
      ruleId: null,
      reason: 'fallback',
    });
  });

  it('passes over a rule whose office no longer works in the network', () => {
    const lead = { postalCode: '78462', marketingType: 'kauf', objectType: 'haus' };
    const withoutKonstanz = new Set(['radolfzell', 'zentrale']);
    expect(routeLead([konstanzHouses, konstanzAll], lead, withoutKonstanz, 'zentrale').tenantId).toBe(
      'radolfzell',
    );
  });

  it('without a matching rule or a working fallback nobody takes the lead', () => {
    const lead = { postalCode: '10115', marketingType: 'kauf', objectType: 'haus' };
    expect(routeLead([konstanzHouses, konstanzAll], lead, offices, null).reason).toBe('no_office');
    expect(routeLead([konstanzHouses], lead, new Set(['konstanz']), 'zentrale').reason).toBe('no_office');
  });
});
