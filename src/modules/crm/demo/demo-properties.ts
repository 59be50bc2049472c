import type { property } from '../schema.js';
import { generatedExternalId, propertySlug } from '../server/slug.js';
import { PLACES, type Place } from './places.js';
import type { Random } from './random.js';

export type DemoProperty = typeof property.$inferInsert & { lakeside: boolean };

const FLAT_SUBTYPES = ['etage', 'etage', 'dachgeschoss', 'maisonette', 'penthouse', 'erdgeschoss'] as const;
const HOUSE_SUBTYPES = [
  'einfamilienhaus',
  'einfamilienhaus',
  'doppelhaushaelfte',
  'reihenhaus',
  'villa',
  'bungalow',
] as const;
const SUBTYPE_LABEL: Record<string, string> = {
  etage: 'Etagenwohnung',
  dachgeschoss: 'Dachgeschosswohnung',
  maisonette: 'Maisonette',
  penthouse: 'Penthouse',
  erdgeschoss: 'Erdgeschosswohnung',
  einfamilienhaus: 'Einfamilienhaus',
  doppelhaushaelfte: 'Doppelhaushälfte',
  reihenhaus: 'Reihenhaus',
  villa: 'Villa',
  bungalow: 'Bungalow',
};
const HIGHLIGHTS = [
  'mit Seeblick',
  'mit Südbalkon',
  'mit Garten',
  'in ruhiger Lage',
  'nahe der Altstadt',
  'mit Alpenblick',
  'frisch saniert',
  'mit Tiefgaragenstellplatz',
];
const FEATURE_POOL = [
  'balkon',
  'terrasse',
  'garten',
  'aufzug',
  'garage',
  'stellplatz',
  'keller',
  'einbaukueche',
  'gaeste_wc',
  'fussbodenheizung',
  'barrierefrei',
  'kamin',
] as const;
const CARRIERS = ['gas', 'gas', 'fernwaerme', 'waermepumpe', 'oel', 'pellets'] as const;
const CLASS_BY_VALUE = (kwh: number) =>
  kwh < 30
    ? 'A+'
    : kwh < 50
      ? 'A'
      : kwh < 75
        ? 'B'
        : kwh < 100
          ? 'C'
          : kwh < 130
            ? 'D'
            : kwh < 160
              ? 'E'
              : kwh < 200
                ? 'F'
                : kwh < 250
                  ? 'G'
                  : 'H';

function description(
  p: { subtypeLabel: string; place: Place; district: string; area: number; rooms: number; highlight: string },
  r: Random,
): string {
  const opening = r.pick([
    `Diese gepflegte ${p.subtypeLabel} in ${p.place.city}-${p.district} bietet auf rund ${p.area} m² Wohnfläche ${p.rooms} Zimmer und viel Licht.`,
    `In begehrter Lage von ${p.place.city} (${p.district}) erwartet Sie eine ${p.subtypeLabel} mit ${p.rooms} Zimmern auf etwa ${p.area} m².`,
    `Wohnen am Bodensee: Die ${p.subtypeLabel} ${p.highlight} überzeugt mit ${p.rooms} Zimmern und durchdachtem Grundriss.`,
  ]);
  const middle = r.pick([
    'Der offene Wohn- und Essbereich geht direkt auf den Außenbereich über, die Küche ist modern ausgestattet.',
    'Hochwertige Böden, große Fensterflächen und ein helles Tageslichtbad prägen das Wohngefühl.',
    'Die Räume sind klug geschnitten und lassen sich flexibel als Arbeits-, Kinder- oder Gästezimmer nutzen.',
  ]);
  const closing = p.place.lakeside
    ? 'Das Seeufer, Einkaufsmöglichkeiten und der Bahnhof sind in wenigen Minuten zu Fuß erreichbar.'
    : 'Schulen, Kindergärten und Einkaufsmöglichkeiten liegen in unmittelbarer Nähe; der Bodensee ist schnell erreicht.';
  return `${opening}\n\n${middle}\n\n${closing}`;
}

/** About 60 listings around the lake: flats, houses, a few plots and commercial units. */
export function demoProperties(r: Random, tenantId: string, agentIds: string[], count = 60): DemoProperty[] {
  const items: DemoProperty[] = [];
  for (let i = 0; i < count; i++) {
    const place = r.pick(PLACES);
    const district = r.pick(place.districts);
    const roll = r.next();
    const objectType =
      roll < 0.55 ? 'wohnung' : roll < 0.85 ? 'haus' : roll < 0.93 ? 'grundstueck' : 'buero_praxen';
    const marketingType =
      objectType === 'wohnung' && r.chance(0.35) ? 'miete' : objectType === 'buero_praxen' ? 'miete' : 'kauf';
    const subtype =
      objectType === 'wohnung'
        ? r.pick(FLAT_SUBTYPES)
        : objectType === 'haus'
          ? r.pick(HOUSE_SUBTYPES)
          : objectType === 'grundstueck'
            ? 'wohnen'
            : 'bueroflaeche';
    const isBuilding = objectType !== 'grundstueck';
    const totalFloors = r.int(2, 5);
    const area =
      objectType === 'wohnung'
        ? r.int(38, 145)
        : objectType === 'haus'
          ? r.int(105, 260)
          : objectType === 'buero_praxen'
            ? r.int(60, 320)
            : 0;
    const rooms =
      objectType === 'wohnung'
        ? Math.max(1, Math.min(5, Math.round(area / 28)))
        : objectType === 'haus'
          ? r.int(4, 8)
          : null;
    const plotArea =
      objectType === 'haus' ? r.int(250, 1100) : objectType === 'grundstueck' ? r.int(420, 1400) : null;
    const highlight = place.lakeside && r.chance(0.5) ? 'mit Seeblick' : r.pick(HIGHLIGHTS);
    const subtypeLabel =
      SUBTYPE_LABEL[subtype] ?? (objectType === 'grundstueck' ? 'Baugrundstück' : 'Bürofläche');
    const yearBuilt = isBuilding ? r.pick([1912, 1958, 1972, 1985, 1994, 2004, 2012, 2019, 2023]) : null;
    const factor = (highlight === 'mit Seeblick' ? 1.25 : 1) * (0.85 + r.next() * 0.3);
    const purchasePriceCents =
      marketingType === 'kauf'
        ? objectType === 'grundstueck'
          ? r.round((plotArea ?? 600) * place.pricePerSqm * 0.16 * factor, 5000) * 100
          : r.round(area * place.pricePerSqm * factor, 5000) * 100
        : null;
    const coldRentCents =
      marketingType === 'miete' ? r.round(area * place.rentPerSqm * factor, 10) * 100 : null;
    const energyValue = isBuilding ? r.int(25, 220) + r.int(0, 9) / 10 : null;
    const status = r.chance(0.7)
      ? 'aktiv'
      : r.pick(['entwurf', 'reserviert', marketingType === 'kauf' ? 'verkauft' : 'vermietet']);
    // A few listings keep an incomplete energy certificate, so the GEG warning has something to show.
    const energyComplete = isBuilding && r.chance(0.9);
    const features = isBuilding ? FEATURE_POOL.filter(() => r.chance(0.3)) : [];
    if (highlight === 'mit Seeblick') features.push('seeblick' as never);
    const title =
      objectType === 'grundstueck'
        ? `Baugrundstück in ${place.city}-${district}, ${plotArea} m²`
        : objectType === 'buero_praxen'
          ? `Moderne Bürofläche in ${place.city}, ${area} m²`
          : `${rooms ? `${rooms}-Zimmer-` : ''}${subtypeLabel} ${highlight} in ${place.city}`;
    items.push({
      tenantId,
      slug: propertySlug(title),
      externalId: generatedExternalId(),
      title,
      description: isBuilding
        ? description({ subtypeLabel, place, district, area, rooms: rooms ?? 1, highlight }, r)
        : `Sonniges, voll erschlossenes Baugrundstück in ${place.city}-${district}. Bebauung nach §34 BauGB möglich.`,
      locationDescription: `${place.city}, Ortsteil ${district}. ${place.lakeside ? 'Der Bodensee liegt nur wenige Gehminuten entfernt.' : 'Gute Anbindung an B31 und Bodenseegürtelbahn.'}`,
      marketingType,
      objectType,
      objectSubtype: subtype,
      status,
      street: r.pick(place.streets),
      houseNumber: String(r.int(1, 120)),
      postalCode: place.postalCode,
      city: place.city,
      district,
      federalState: place.federalState,
      latitude: place.lat + (r.next() - 0.5) * 0.02,
      longitude: place.lng + (r.next() - 0.5) * 0.03,
      showAddress: false,
      livingArea: objectType === 'wohnung' || objectType === 'haus' ? area : null,
      usableArea: objectType === 'buero_praxen' ? area : null,
      plotArea,
      rooms,
      bedrooms: rooms ? Math.max(1, rooms - 2) : null,
      bathrooms: rooms ? (rooms > 4 ? 2 : 1) : null,
      // The floor follows the kind of flat: an attic flat is at the top, a ground-floor flat at 0.
      floor: objectType === 'wohnung' ? floorOf(subtype, totalFloors, r) : null,
      totalFloors: objectType === 'wohnung' ? totalFloors : null,
      yearBuilt,
      condition: isBuilding
        ? r.pick(['gepflegt', 'modernisiert', 'neuwertig', 'teil_vollsaniert', 'erstbezug'])
        : null,
      features,
      purchasePriceCents,
      coldRentCents,
      warmRentCents: coldRentCents ? coldRentCents + r.round(area * 3.2, 10) * 100 : null,
      additionalCostsCents: coldRentCents ? r.round(area * 3.2, 10) * 100 : null,
      hausgeldCents:
        objectType === 'wohnung' && marketingType === 'kauf' ? r.round(area * 3.6, 10) * 100 : null,
      commissionText: marketingType === 'kauf' ? '3,57 % inkl. MwSt. vom Kaufpreis' : null,
      depositText: marketingType === 'miete' ? '3 Nettokaltmieten' : null,
      energyCertificateType: energyComplete ? r.pick(['bedarf', 'verbrauch']) : null,
      energyValue: energyComplete ? energyValue : null,
      energyCarrier: isBuilding ? r.pick(CARRIERS) : null,
      energyYearBuilt: yearBuilt,
      energyClass: energyComplete && energyValue !== null ? CLASS_BY_VALUE(energyValue) : null,
      energyIssuedAt: energyComplete ? '2023-05-15' : null,
      energyValidUntil: energyComplete ? '2033-05-14' : null,
      assignedAgentId: r.pick(agentIds),
      isDemo: true,
      publishedAt: status === 'entwurf' ? null : new Date(Date.now() - r.int(1, 120) * 86_400_000),
      lakeside: place.lakeside,
    });
  }
  return items;
}

/** A flat's floor that fits its kind: attic and penthouse at the top, ground floor at 0. */
function floorOf(subtype: string, totalFloors: number, r: Random): number {
  if (subtype === 'dachgeschoss' || subtype === 'penthouse') return totalFloors - 1;
  if (subtype === 'erdgeschoss') return 0;
  if (subtype === 'maisonette') return r.int(0, Math.max(0, totalFloors - 2));
  return r.int(1, Math.max(1, totalFloors - 2));
}
