import { describe, expect, it } from 'vitest';
import { energyWarnings } from './energy-warnings.js';

const complete = {
  objectType: 'wohnung',
  yearBuilt: 1998,
  energyCertificateType: 'verbrauch',
  energyValue: 112.4,
  energyCarrier: 'gas',
  energyYearBuilt: 1998,
  energyClass: 'D',
  energyValidUntil: '2030-01-31',
};

describe('energyWarnings (GEG §87)', () => {
  it('is quiet when every mandatory item is there', () => {
    expect(energyWarnings(complete, new Date('2026-11-24'))).toEqual([]);
  });

  it('names each missing mandatory item', () => {
    const [warning] = energyWarnings(
      { ...complete, energyValue: null, energyClass: null },
      new Date('2026-11-24'),
    );
    expect(warning?.code).toBe('energy_missing');
    expect(warning?.message).toContain('Endenergiekennwert');
    expect(warning?.message).toContain('Energieeffizienzklasse');
  });

  it('flags an expired certificate', () => {
    expect(
      energyWarnings({ ...complete, energyValidUntil: '2025-06-30' }, new Date('2026-11-24'))[0]?.code,
    ).toBe('energy_expired');
  });

  it('does not ask for a certificate for plots and parking', () => {
    expect(energyWarnings({ ...complete, objectType: 'grundstueck', energyClass: null }, new Date())).toEqual(
      [],
    );
  });
});
