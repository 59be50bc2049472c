import type { MediaView, PropertyView } from '../contract.js';
import { energyWarnings, type ListingWarning } from '../domain/energy-warnings.js';
import type { MarketingType, PropertyStatus } from '../domain/property-enums.js';
import { allowedTransitions } from '../domain/property-lifecycle.js';
import type { property, propertyMedia } from '../schema.js';
import { toEuros } from './money.js';

/** A property as the app reads it: everything but the search vector, which only the database needs. */
export type PropertyRow = Omit<typeof property.$inferSelect, 'searchVector'>;
export type MediaRow = typeof propertyMedia.$inferSelect;

export function mediaView(row: MediaRow): MediaView {
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

export function listingWarnings(row: PropertyRow, photoCount: number | null): ListingWarning[] {
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

export function propertyView(
  row: PropertyRow,
  titleImage: MediaRow | null,
  photoCount: number | null,
  publicBaseUrl: string,
): PropertyView {
  const {
    tenantId: _tenantId,
    createdBy: _createdBy,
    searchVector: _searchVector,
    ...fields
  } = row as PropertyRow & { searchVector?: unknown };
  return {
    ...fields,
    marketingType: row.marketingType as MarketingType,
    status: row.status as PropertyStatus,
    purchasePrice: toEuros(row.purchasePriceCents),
    coldRent: toEuros(row.coldRentCents),
    warmRent: toEuros(row.warmRentCents),
    additionalCosts: toEuros(row.additionalCostsCents),
    hausgeld: toEuros(row.hausgeldCents),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedTransitions: allowedTransitions(row.status as PropertyStatus, row.marketingType as MarketingType),
    warnings: listingWarnings(row, photoCount),
    titleImage: titleImage ? mediaView(titleImage) : null,
    publicUrl: `${publicBaseUrl}/p/${row.slug}`,
  };
}
