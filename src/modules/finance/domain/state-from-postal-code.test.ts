import { describe, expect, it } from 'vitest';
import { stateFromPostalCode } from './state-from-postal-code.js';

describe('federal state from the postal code', () => {
  it.each([
    ['78462', 'BW'], // Konstanz
    ['88045', 'BW'], // Friedrichshafen
    ['88131', 'BY'], // Lindau (Bodensee)
    ['89073', 'BW'], // Ulm
    ['89231', 'BY'], // Neu-Ulm
    ['27568', 'HB'], // Bremerhaven
    ['28195', 'HB'], // Bremen
    ['20095', 'HH'], // Hamburg
    ['10115', 'BE'], // Berlin
    ['80331', 'BY'], // München
    ['01067', 'SN'], // Dresden
    ['99084', 'TH'], // Erfurt
  ])('%s lies in %s', (code, state) => {
    expect(stateFromPostalCode(code)).toBe(state);
  });

  it('knows nothing of malformed codes', () => {
    expect(stateFromPostalCode('7846')).toBeNull();
    expect(stateFromPostalCode(null)).toBeNull();
    expect(stateFromPostalCode('00000')).toBeNull();
  });
});
