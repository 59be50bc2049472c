import type { MediaView, PropertyListItem, PropertyView } from '../contract.js';
import { energyWarnings, type ListingWarning } from '../domain/energy-warnings.js';
import type { MarketingType, PropertyStatus } from '../domain/property-enums.js';
import { allowedTransitions } from '../domain/property-lifecycle.js';
import type { property, propertyMedia } from '../schema.js';
import { toEuros } from './money.js';

/** A property as the app reads it: everything but the search vector, which only the database needs. */
export type PropertyRow = Omit<typeof property.$inferSelect, 'searchVector'>;
export type MediaRow = typeof propertyMedia.$inferSelect;
/** The media fields a view shows; lists read just these (as JSON) for their title images. */
export type TitleImageRow = Pick<
  MediaRow,
  'id' | 'kind' | 'position' | 'isTitle' | 'altText' | 'width' | 'height' | 'sizeBytes'
>;

export function mediaView(row: TitleImageRow): MediaView {
  const base = `/api/crm/media/${row.id}`;
  return {
    id: row.id,
    kind: row.kind === 'floorplan' ? 'floorplan' : 'photo',
    position: row.position,
    isTitle: row.isTitle,
    altText: row.altText,
    width: row.width,
    height: row.height,
    sizeBytes: row.sizeBytes,
    urls: { thumb: `${base}/thumb`, web: `${base}/web`, original: `${base}/original` },
  };
}

/** The columns a list reads: no long texts. */
export type PropertySummaryRow = Omit<
  PropertyRow,
  'description' | 'locationDescription' | 'equipmentDescription' | 'internalNotes'
>;

export function listingWarnings(row: PropertySummaryRow, photoCount: number | null): ListingWarning[] {
  const warnings = energyWarnings({
    objectType: row.objectType,
    yearBuilt: row.yearBuilt,
    features: row.features,
    energyCertificateType: row.energyCertificateType,
    energyValue: row.energyValue,
    energyCarrier: row.energyCarrier,
    energyYearBuilt: row.energyYearBuilt,
    energyClass: row.energyClass,
    energyValidUntil: row.energyValidUntil,
  });
  const price = row.marketingType === 'kauf' ? row.purchasePriceCents : row.coldRentCents;
  if (price === null) warnings.push({ code: 'no_price', message: 'Es ist kein Preis angegeben.' });
  if (photoCount === 0) warnings.push({ code: 'no_photos', message: 'Das Objekt hat noch keine Fotos.' });
  return warnings;
}

/** A property as lists show it (the detail view adds the long texts). */
export function propertyListItemView(
  row: PropertySummaryRow,
  titleImage: TitleImageRow | null,
  photoCount: number | null,
  publicBaseUrl: string,
): PropertyListItem {
  return {
    id: row.id,
    slug: row.slug,
    externalId: row.externalId,
    title: row.title,
    marketingType: row.marketingType as MarketingType,
    objectType: row.objectType,
    objectSubtype: row.objectSubtype,
    status: row.status as PropertyStatus,
    street: row.street,
    houseNumber: row.houseNumber,
    postalCode: row.postalCode,
    city: row.city,
    district: row.district,
    federalState: row.federalState,
    latitude: row.latitude,
    longitude: row.longitude,
    showAddress: row.showAddress,
    livingArea: row.livingArea,
    usableArea: row.usableArea,
    plotArea: row.plotArea,
    rooms: row.rooms,
    bedrooms: row.bedrooms,
    bathrooms: row.bathrooms,
    floor: row.floor,
    totalFloors: row.totalFloors,
    yearBuilt: row.yearBuilt,
    condition: row.condition,
    features: row.features,
    purchasePrice: toEuros(row.purchasePriceCents),
    coldRent: toEuros(row.coldRentCents),
    warmRent: toEuros(row.warmRentCents),
    additionalCosts: toEuros(row.additionalCostsCents),
    hausgeld: toEuros(row.hausgeldCents),
    depositText: row.depositText,
    commissionText: row.commissionText,
    energyCertificateType: row.energyCertificateType,
    energyValue: row.energyValue,
    energyCarrier: row.energyCarrier,
    energyYearBuilt: row.energyYearBuilt,
    energyClass: row.energyClass,
    energyIssuedAt: row.energyIssuedAt,
    energyValidUntil: row.energyValidUntil,
    energyIncludesHotWater: row.energyIncludesHotWater,
    assignedAgentId: row.assignedAgentId,
    isDemo: row.isDemo,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedTransitions: allowedTransitions(row.status as PropertyStatus, row.marketingType as MarketingType),
    warnings: listingWarnings(row, photoCount),
    titleImage: titleImage ? mediaView(titleImage) : null,
    publicUrl: `${publicBaseUrl}/p/${row.slug}`,
  };
}

export function propertyView(
  row: PropertyRow,
  titleImage: TitleImageRow | null,
  photoCount: number | null,
  publicBaseUrl: string,
): PropertyView {
  return {
    ...propertyListItemView(row, titleImage, photoCount, publicBaseUrl),
    description: row.description,
    locationDescription: row.locationDescription,
    equipmentDescription: row.equipmentDescription,
    internalNotes: row.internalNotes,
  };
}
