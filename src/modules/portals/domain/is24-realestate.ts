import { createHash } from 'node:crypto';
import type { PropertyRow } from '../../crm/server/property-view.js';

/**
 * A listing as ImmoScout24's import/export API takes it (JSON media type of
 * POST/PUT /offer/v1.0/user/{username}/realestate, documented at
 * https://api.immobilienscout24.de/api-docs/import-export/real-estate/insert-real-estate).
 * The API wants the fields in the schema's order, so they are written in that order here.
 */
export const IS24_REALESTATES_NS = 'http://rest.immobilienscout24.de/schema/offer/realestates/1.0';

/** Title and text limits of the realestates 1.0 schema; longer text is cut, not refused. */
const TITLE_MAX = 100;
const NOTE_MAX = 3999;

type Is24Type =
  | 'apartmentBuy'
  | 'apartmentRent'
  | 'houseBuy'
  | 'houseRent'
  | 'livingBuySite'
  | 'livingRentSite'
  | 'garageBuy'
  | 'garageRent';

const TYPE_OF: Record<string, { kauf: Is24Type; miete: Is24Type }> = {
  wohnung: { kauf: 'apartmentBuy', miete: 'apartmentRent' },
  haus: { kauf: 'houseBuy', miete: 'houseRent' },
  grundstueck: { kauf: 'livingBuySite', miete: 'livingRentSite' },
  parken: { kauf: 'garageBuy', miete: 'garageRent' },
};

export class UnsupportedListingError extends Error {}

const euros = (cents: number | null) => (cents === null ? undefined : Math.round(cents) / 100);
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const clean = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** The JSON body for one listing: `{ "realestates.<type>": { … } }`. */
export function is24Body(p: PropertyRow): Record<string, Record<string, unknown>> {
  const type = TYPE_OF[p.objectType]?.[p.marketingType === 'miete' ? 'miete' : 'kauf'];
  if (!type)
    throw new UnsupportedListingError(
      'Diese Objektart überträgt ImmoScout24 über die Schnittstelle nicht (nur Wohnungen, Häuser, Grundstücke und Stellplätze); bitte per OpenImmo an ein anderes Portal senden.',
    );
  const buy = p.marketingType === 'kauf';
  const energy =
    p.energyCertificateType && p.energyValue !== null
      ? {
          buildingEnergyRatingType:
            p.energyCertificateType === 'bedarf' ? 'ENERGY_REQUIRED' : 'ENERGY_CONSUMPTION',
          thermalCharacteristic: p.energyValue,
          energyConsumptionContainsWarmWater:
            p.energyIncludesHotWater === null ? undefined : p.energyIncludesHotWater ? 'YES' : 'NO',
        }
      : {};
  const body = clean({
    '@xmlns': { realestates: IS24_REALESTATES_NS },
    externalId: p.externalId,
    title: cut(p.title, TITLE_MAX),
    address: clean({
      street: p.street ?? undefined,
      houseNumber: p.houseNumber ?? undefined,
      postcode: p.postalCode,
      city: p.city,
      wgs84Coordinate:
        p.latitude !== null && p.longitude !== null
          ? { latitude: p.latitude, longitude: p.longitude }
          : undefined,
    }),
    showAddress: p.showAddress,
    descriptionNote: p.description ? cut(p.description, NOTE_MAX) : undefined,
    furnishingNote: p.equipmentDescription ? cut(p.equipmentDescription, NOTE_MAX) : undefined,
    locationNote: p.locationDescription ? cut(p.locationDescription, NOTE_MAX) : undefined,
    floor: type.startsWith('apartment') ? (p.floor ?? undefined) : undefined,
    constructionYear: p.yearBuilt ?? undefined,
    ...energy,
    ...(buy
      ? { price: { value: euros(p.purchasePriceCents) ?? 0, currency: 'EUR' } }
      : {
          baseRent: euros(p.coldRentCents),
          totalRent: euros(p.warmRentCents),
          serviceCharge: euros(p.additionalCostsCents),
        }),
    livingSpace: type.endsWith('Site') || type.startsWith('garage') ? undefined : (p.livingArea ?? undefined),
    plotArea: type.startsWith('house') || type.endsWith('Site') ? (p.plotArea ?? undefined) : undefined,
    numberOfRooms: type.endsWith('Site') || type.startsWith('garage') ? undefined : (p.rooms ?? undefined),
    courtage: buy
      ? p.commissionText
        ? { hasCourtage: 'YES', courtage: p.commissionText }
        : { hasCourtage: 'NO' }
      : undefined,
  });
  return { [`realestates.${type}`]: body };
}

/** SHA-256 of what would be sent: an unchanged listing is not sent again. */
export const contentHash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');
