import type { property } from '../../crm/schema.js';
import type { ListingFacts } from './listing-facts.js';

type PropertyFields = Pick<
  typeof property.$inferSelect,
  | 'id'
  | 'slug'
  | 'title'
  | 'marketingType'
  | 'objectType'
  | 'objectSubtype'
  | 'city'
  | 'district'
  | 'livingArea'
  | 'usableArea'
  | 'plotArea'
  | 'rooms'
  | 'bedrooms'
  | 'bathrooms'
  | 'floor'
  | 'totalFloors'
  | 'yearBuilt'
  | 'condition'
  | 'features'
  | 'purchasePriceCents'
  | 'coldRentCents'
  | 'warmRentCents'
  | 'additionalCostsCents'
  | 'hausgeldCents'
  | 'depositText'
  | 'commissionText'
  | 'locationDescription'
  | 'energyCertificateType'
  | 'energyValue'
  | 'energyCarrier'
  | 'energyYearBuilt'
  | 'energyClass'
>;

/** The listing facts of a CRM property; an energy certificate counts only with its type. */
export function factsFromProperty(p: PropertyFields, publicBaseUrl: string): ListingFacts {
  const type = p.energyCertificateType;
  return {
    id: p.id,
    title: p.title,
    marketingType: p.marketingType === 'miete' ? 'miete' : 'kauf',
    objectType: p.objectType,
    objectSubtype: p.objectSubtype,
    city: p.city,
    district: p.district,
    livingArea: p.livingArea,
    usableArea: p.usableArea,
    plotArea: p.plotArea,
    rooms: p.rooms,
    bedrooms: p.bedrooms,
    bathrooms: p.bathrooms,
    floor: p.floor,
    totalFloors: p.totalFloors,
    yearBuilt: p.yearBuilt,
    condition: p.condition,
    features: p.features,
    purchasePriceCents: p.purchasePriceCents,
    coldRentCents: p.coldRentCents,
    warmRentCents: p.warmRentCents,
    additionalCostsCents: p.additionalCostsCents,
    hausgeldCents: p.hausgeldCents,
    depositText: p.depositText,
    commissionText: p.commissionText,
    locationDescription: p.locationDescription,
    energy:
      type === 'bedarf' || type === 'verbrauch'
        ? {
            certificateType: type,
            value: p.energyValue,
            carrier: p.energyCarrier,
            yearBuilt: p.energyYearBuilt ?? p.yearBuilt,
            efficiencyClass: p.energyClass,
          }
        : null,
    publicUrl: `${publicBaseUrl}/p/${p.slug}`,
  };
}
