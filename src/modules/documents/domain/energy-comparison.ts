import type { EnergyCertificateFacts } from './energy-certificate.js';

/** The listing's § 87 fields as the CRM stores them. */
export interface ListingEnergy {
  energyCertificateType: string | null;
  energyValue: number | null;
  energyCarrier: string | null;
  energyYearBuilt: number | null;
  yearBuilt: number | null;
  energyClass: string | null;
  energyValidUntil: string | null;
}

export type EnergyField =
  | 'energyCertificateType'
  | 'energyValue'
  | 'energyCarrier'
  | 'energyYearBuilt'
  | 'energyClass'
  | 'energyValidUntil';

export interface EnergyRow {
  field: EnergyField;
  certificate: string | number | null;
  listing: string | number | null;
  /** Both have a value and they differ: the advert would print something the certificate does not say. */
  differs: boolean;
}

/**
 * Every § 87 field of a filed certificate next to the listing's, and the patch that takes all of
 * what the certificate yielded (a field it did not yield keeps the listing's own value).
 */
export function compareEnergy(facts: EnergyCertificateFacts, listing: ListingEnergy) {
  const pairs: [EnergyField, string | number | null, string | number | null][] = [
    ['energyCertificateType', facts.certificateType, listing.energyCertificateType],
    ['energyValue', facts.energyValue, listing.energyValue],
    ['energyCarrier', facts.energyCarrier, listing.energyCarrier],
    ['energyYearBuilt', facts.yearBuilt, listing.energyYearBuilt ?? listing.yearBuilt],
    ['energyClass', facts.efficiencyClass, listing.energyClass],
    ['energyValidUntil', facts.validUntil, listing.energyValidUntil],
  ];
  const rows: EnergyRow[] = pairs.map(([field, certificate, current]) => ({
    field,
    certificate,
    listing: current,
    differs: certificate !== null && current !== null && certificate !== current,
  }));
  const patch: Partial<Record<EnergyField, string | number>> = {};
  for (const row of rows) if (row.certificate !== null) patch[row.field] = row.certificate;
  return { rows, patch, differences: rows.filter((r) => r.differs).length };
}
