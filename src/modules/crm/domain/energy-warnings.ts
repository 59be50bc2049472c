/** Object types without a building need no energy certificate in the advert. */
const NO_BUILDING = new Set(['grundstueck', 'parken']);

export interface EnergyFields {
  objectType: string;
  yearBuilt: number | null;
  energyCertificateType: string | null;
  energyValue: number | null;
  energyCarrier: string | null;
  energyYearBuilt: number | null;
  energyClass: string | null;
  energyValidUntil: string | null;
}

export interface ListingWarning {
  code: 'energy_missing' | 'energy_expired' | 'no_photos' | 'no_price';
  message: string;
}

const LABELS: Record<string, string> = {
  energyCertificateType: 'Art des Energieausweises',
  energyValue: 'Energiekennwert',
  energyCarrier: 'wesentlicher Energieträger',
  energyYearBuilt: 'Baujahr',
  energyClass: 'Energieeffizienzklasse',
};

/** What GEG §87 requires in a property advertisement, checked against the listing. */
export function energyWarnings(p: EnergyFields, today = new Date()): ListingWarning[] {
  if (NO_BUILDING.has(p.objectType)) return [];
  const missing = Object.keys(LABELS).filter((field) => {
    if (field === 'energyYearBuilt') return p.energyYearBuilt === null && p.yearBuilt === null;
    return p[field as keyof EnergyFields] === null;
  });
  const warnings: ListingWarning[] = [];
  if (missing.length > 0) {
    warnings.push({
      code: 'energy_missing',
      message: `Pflichtangaben nach GEG §87 fehlen: ${missing.map((f) => LABELS[f]).join(', ')}.`,
    });
  }
  if (p.energyValidUntil && p.energyValidUntil < today.toISOString().slice(0, 10)) {
    warnings.push({
      code: 'energy_expired',
      message: `Der Energieausweis ist am ${p.energyValidUntil} abgelaufen.`,
    });
  }
  return warnings;
}
