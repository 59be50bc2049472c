import { describe, expect, it } from 'vitest';
import { compareEnergy } from './energy-comparison.js';

const facts = {
  certificateType: 'verbrauch' as const,
  energyValue: 141.3,
  efficiencyClass: 'E',
  validUntil: '2033-09-30',
  energyCarrier: 'gas',
  yearBuilt: 1972,
};
const listing = {
  energyCertificateType: 'verbrauch',
  energyValue: 141.3,
  energyCarrier: 'fernwaerme',
  energyYearBuilt: null,
  yearBuilt: 1972,
  energyClass: 'E',
  energyValidUntil: null,
};

describe('a filed certificate against the listing', () => {
  it('takes every § 87 field the certificate yielded, the energy carrier included', () => {
    expect(compareEnergy(facts, listing).patch).toEqual({
      energyCertificateType: 'verbrauch',
      energyValue: 141.3,
      energyCarrier: 'gas',
      energyYearBuilt: 1972,
      energyClass: 'E',
      energyValidUntil: '2033-09-30',
    });
  });

  it('flags where the listing says something else than the certificate (Fernwärme vs. Erdgas)', () => {
    const { rows, differences } = compareEnergy(facts, listing);
    expect(differences).toBe(1);
    expect(rows.find((r) => r.differs)).toMatchObject({
      field: 'energyCarrier',
      certificate: 'gas',
      listing: 'fernwaerme',
    });
  });

  it('leaves the listing its own value where the certificate yielded none', () => {
    expect(compareEnergy({ ...facts, energyCarrier: null }, listing).patch).not.toHaveProperty(
      'energyCarrier',
    );
  });
});
