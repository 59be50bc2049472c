import { describe, expect, it } from 'vitest';
import { isValidIban } from './iban.js';

describe('IBAN', () => {
  // Examples published by the Deutsche Bundesbank and the SWIFT IBAN Registry.
  it.each([
    'DE02 1203 0000 0000 2020 51',
    'DE02600501010002034304',
    'AT611904300234573201',
    'CH9300762011623852957',
  ])('accepts %s', (iban) => expect(isValidIban(iban)).toBe(true));
  it.each(['DE02120300000000202052', 'DE0212030000000020205', 'XX', '1234'])('refuses %s', (iban) =>
    expect(isValidIban(iban)).toBe(false),
  );
});
