import { describe, expect, it } from 'vitest';
import { checkVatId, taxModeFor } from './vat-id.js';

// Formats from the European Commission's VIES FAQ; the numbers are the examples it and the
// Bundeszentralamt für Steuern print (format only, not necessarily assigned).
describe('VAT id format', () => {
  it.each([
    ['DE 123 456 789', 'DE123456789'],
    ['ATU12345678', 'ATU12345678'],
    ['FR 12 345678901', 'FR12345678901'],
    ['NL123456789B01', 'NL123456789B01'],
    ['ESX1234567X', 'ESX1234567X'],
    ['EL123456789', 'EL123456789'],
    ['IE1234567WA', 'IE1234567WA'],
  ])('accepts %s', (raw, normalised) => {
    expect(checkVatId(raw)).toMatchObject({ ok: true, vatId: normalised });
  });

  it.each([
    ['DE12345678', 'nicht das Format für DE'],
    ['AT12345678', 'nicht das Format für AT'],
    ['US123456789', 'kein Länderkennzeichen'],
    ['CH-123.456.789', 'kein Länderkennzeichen'],
  ])('refuses %s with a German reason', (raw, reason) => {
    const check = checkVatId(raw);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });

  it('puts Greece in GR although its VAT ids say EL', () => {
    expect(checkVatId('EL123456789')).toMatchObject({ country: 'GR' });
  });
});

describe('reverse charge', () => {
  it('applies to a business in another member state only', () => {
    expect(taxModeFor('ATU12345678')).toBe('reverse_charge');
    expect(taxModeFor('DE123456789')).toBe('standard');
    expect(taxModeFor(null)).toBe('standard');
    expect(taxModeFor('garbage')).toBe('standard');
  });
});
