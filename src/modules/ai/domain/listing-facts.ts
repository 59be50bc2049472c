import { type EnergyStatement, energyStatement } from '../../crm/domain/energy-statement.js';
/**
 * The facts of one listing that texts, graphics and reels are written from. Built from the
 * CRM's property row on the server; kept here as a plain shape so the writers stay pure.
 */
export interface ListingFacts {
  id: string;
  title: string;
  marketingType: 'kauf' | 'miete';
  objectType: string;
  objectSubtype: string | null;
  city: string;
  district: string | null;
  livingArea: number | null;
  usableArea: number | null;
  plotArea: number | null;
  rooms: number | null;
  bedrooms: number | null;
  bathrooms: number | null;
  floor: number | null;
  totalFloors: number | null;
  yearBuilt: number | null;
  condition: string | null;
  features: string[];
  purchasePriceCents: number | null;
  coldRentCents: number | null;
  warmRentCents: number | null;
  additionalCostsCents: number | null;
  hausgeldCents: number | null;
  depositText: string | null;
  commissionText: string | null;
  locationDescription: string;
  energy: EnergyFacts | null;
  publicUrl: string;
}

export interface EnergyFacts {
  certificateType: 'bedarf' | 'verbrauch';
  value: number | null;
  carrier: string | null;
  yearBuilt: number | null;
  efficiencyClass: string | null;
}

export interface OfficeFacts {
  name: string;
  phone: string | null;
  email: string | null;
  agentName: string | null;
}

export interface ContactFacts {
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
}

/** The listing's § 87 statement, decided by the CRM's one rule for every channel. */
export function energyStatementOf(
  f: Pick<ListingFacts, 'objectType' | 'yearBuilt' | 'features' | 'energy'>,
  lang: 'de' | 'en' = 'de',
): EnergyStatement {
  return energyStatement(
    {
      objectType: f.objectType,
      yearBuilt: f.yearBuilt,
      features: f.features,
      energyCertificateType: f.energy?.certificateType ?? null,
      energyValue: f.energy?.value ?? null,
      energyCarrier: f.energy?.carrier ?? null,
      energyYearBuilt: f.energy?.yearBuilt ?? null,
      energyClass: f.energy?.efficiencyClass ?? null,
    },
    lang,
  );
}

/** Only buildings need an energy certificate in their adverts; plots and parking do not. */
export const needsEnergyCertificate = (objectType: string) => !['grundstueck', 'parken'].includes(objectType);

/** "Konstanz-Altstadt" or "Konstanz". */
export const placeOf = (f: Pick<ListingFacts, 'city' | 'district'>) =>
  f.district ? `${f.city}-${f.district}` : f.city;
