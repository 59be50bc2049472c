import { XMLBuilder } from 'fast-xml-parser';
import { energyStatement } from '../domain/energy-statement.js';
import type { ObjectType } from '../domain/property-enums.js';
import {
  CARRIER_TO_OPENIMMO,
  COMMERCIAL_TYPES,
  CONDITION_TO_OPENIMMO,
  FEDERAL_STATE_NAMES,
  SUBTYPE_ATTRIBUTE,
  SUBTYPE_TO_OPENIMMO,
} from './openimmo-maps.js';

/** The property fields OpenImmo carries; a database row satisfies it, and so does a deletion stub. */
export interface ExportProperty {
  id: string;
  externalId: string;
  title: string;
  description: string;
  locationDescription: string;
  equipmentDescription: string;
  marketingType: string;
  objectType: string;
  objectSubtype: string | null;
  status: string;
  street: string | null;
  houseNumber: string | null;
  postalCode: string;
  city: string;
  district: string | null;
  federalState: string | null;
  latitude: number | null;
  longitude: number | null;
  showAddress: boolean;
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
  energyCertificateType: string | null;
  energyValue: number | null;
  energyCarrier: string | null;
  energyYearBuilt: number | null;
  energyClass: string | null;
  energyIssuedAt: string | null;
  energyValidUntil: string | null;
  energyIncludesHotWater: boolean | null;
  updatedAt: Date;
}

export interface ExportAttachment {
  fileName: string;
  kind: 'photo' | 'floorplan';
  isTitle: boolean;
  altText: string;
  md5: string;
}

export interface ExportListing {
  property: ExportProperty;
  attachments: ExportAttachment[];
  /** NEW listings carry no `aktion`; CHANGE and DELETE say so, as portals expect in partial feeds. */
  action: 'NEW' | 'CHANGE' | 'DELETE';
  contact: { name: string; firstName: string | null; email: string | null; phone: string | null };
}

export interface ExportFeed {
  scope: 'VOLL' | 'TEIL';
  office: { name: string; openimmoAnid: string; technicalEmail: string };
  listings: ExportListing[];
  createdAt: Date;
  senderVersion: string;
}

type XmlNode = Record<string, unknown>;

/** Marks an element that must be written even though it has no content: `<haus/>` says "house". */
const EMPTY_ELEMENT: XmlNode = Object.freeze({});

/** Required containers (`flaechen`) stay in the document even when the listing has nothing for them. */
const orEmpty = (node: XmlNode): XmlNode => compact(node) ?? EMPTY_ELEMENT;
const money = (cents: number | null) => (cents === null ? undefined : (cents / 100).toFixed(2));
const num = (value: number | null) => (value === null ? undefined : String(value));
const flag = (on: boolean) => (on ? 'true' : undefined);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Drops undefined children and elements left empty, so optional elements are simply absent. */
function compact(node: XmlNode): XmlNode | undefined {
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === EMPTY_ELEMENT) {
      out[key] = '';
      continue;
    }
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      const items = value
        .map((v) => (typeof v === 'object' ? compact(v as XmlNode) : v))
        .filter((v) => v !== undefined);
      if (items.length > 0) out[key] = items;
    } else if (typeof value === 'object') {
      const child = compact(value as XmlNode);
      if (child !== undefined) out[key] = child;
    } else out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function objektkategorie(p: ExportProperty): XmlNode {
  const type = p.objectType as ObjectType;
  const subtype = p.objectSubtype ? SUBTYPE_TO_OPENIMMO[type]?.[p.objectSubtype] : undefined;
  const commercial = COMMERCIAL_TYPES.includes(type);
  return {
    nutzungsart: { '@_WOHNEN': String(!commercial), '@_GEWERBE': String(commercial) },
    vermarktungsart: {
      '@_KAUF': String(p.marketingType === 'kauf'),
      '@_MIETE_PACHT': String(p.marketingType === 'miete'),
    },
    objektart: { [type]: subtype ? { [`@_${SUBTYPE_ATTRIBUTE[type]}`]: subtype } : EMPTY_ELEMENT },
  };
}

function ausstattung(f: Set<string>): XmlNode {
  return {
    kueche: f.has('einbaukueche') ? { '@_EBK': 'true' } : undefined,
    kamin: flag(f.has('kamin')),
    heizungsart: f.has('fussbodenheizung') ? { '@_FUSSBODEN': 'true' } : undefined,
    klimatisiert: flag(f.has('klimaanlage')),
    fahrstuhl: f.has('aufzug') ? { '@_PERSONEN': 'true' } : undefined,
    stellplatzart:
      f.has('garage') || f.has('stellplatz')
        ? {
            '@_GARAGE': f.has('garage') ? 'true' : undefined,
            '@_FREIPLATZ': f.has('stellplatz') ? 'true' : undefined,
          }
        : undefined,
    gartennutzung: flag(f.has('garten')),
    moebliert: f.has('moebliert') ? { '@_moeb': 'VOLL' } : undefined,
    barrierefrei: flag(f.has('barrierefrei')),
    unterkellert: f.has('keller') ? { '@_keller': 'JA' } : undefined,
    gaestewc: flag(f.has('gaeste_wc')),
  };
}

/** The statement as text where the schema has no energiepass for it (no certificate, listed building). */
function energiepassText(p: ExportProperty): string | undefined {
  const statement = energyStatement(p);
  return statement.kind === 'certificate' ? undefined : (statement.sentence ?? undefined);
}

function energiepass(p: ExportProperty): XmlNode | undefined {
  // Without a certificate the schema has no energiepass to give (epart is required); the
  // listing's § 87 statement then travels as text (see sonstige_angaben).
  if (energyStatement(p).kind !== 'certificate') return undefined;
  const gebaeudeart = COMMERCIAL_TYPES.includes(p.objectType as ObjectType) ? 'nichtwohn' : 'wohn';
  const consumption = p.energyCertificateType === 'verbrauch';
  return {
    epart: consumption ? 'VERBRAUCH' : 'BEDARF',
    gueltig_bis: p.energyValidUntil ?? undefined,
    energieverbrauchkennwert: consumption ? num(p.energyValue) : undefined,
    mitwarmwasser:
      consumption && p.energyIncludesHotWater !== null ? String(p.energyIncludesHotWater) : undefined,
    endenergiebedarf: consumption ? undefined : num(p.energyValue),
    primaerenergietraeger: p.energyCarrier ? CARRIER_TO_OPENIMMO[p.energyCarrier] : undefined,
    wertklasse: p.energyClass ?? undefined,
    baujahr: num(p.energyYearBuilt),
    ausstelldatum: p.energyIssuedAt ?? undefined,
    // Certificates issued from 1 May 2014 follow EnEV 2014 / GEG rules.
    jahrgang: p.energyIssuedAt ? (p.energyIssuedAt >= '2014-05-01' ? '2014' : '2008') : undefined,
    gebaeudeart,
  };
}

const SALE_STATE: Record<string, string> = { aktiv: 'OFFEN', reserviert: 'RESERVIERT', verkauft: 'VERKAUFT' };

function immobilie(listing: ExportListing, createdAt: Date): XmlNode {
  const p = listing.property;
  const f = new Set(p.features);
  const sale = p.marketingType === 'kauf';
  const title = listing.attachments.find((a) => a.isTitle);
  return {
    objektkategorie: objektkategorie(p),
    geo: {
      plz: p.postalCode,
      ort: p.city,
      geokoordinaten:
        p.latitude !== null && p.longitude !== null
          ? { '@_breitengrad': p.latitude.toFixed(6), '@_laengengrad': p.longitude.toFixed(6) }
          : undefined,
      strasse: p.street ?? undefined,
      hausnummer: p.houseNumber ?? undefined,
      bundesland: p.federalState
        ? (FEDERAL_STATE_NAMES as Record<string, string>)[p.federalState]
        : undefined,
      land: { '@_iso_land': 'DEU' },
      etage: num(p.floor),
      anzahl_etagen: num(p.totalFloors),
      regionaler_zusatz: p.district ?? undefined,
    },
    kontaktperson: {
      email_zentrale: listing.contact.email ?? undefined,
      email_direkt: listing.contact.email ?? undefined,
      tel_zentrale: listing.contact.phone ?? undefined,
      name: listing.contact.name,
      vorname: listing.contact.firstName ?? undefined,
    },
    preise: {
      kaufpreis: sale
        ? p.purchasePriceCents === null
          ? { '#text': '0', '@_auf_anfrage': 'true' }
          : money(p.purchasePriceCents)
        : undefined,
      kaltmiete: sale ? undefined : money(p.coldRentCents),
      warmmiete: sale ? undefined : money(p.warmRentCents),
      nebenkosten: sale ? undefined : money(p.additionalCostsCents),
      hausgeld: sale ? money(p.hausgeldCents) : undefined,
      aussen_courtage: p.commissionText
        ? { '#text': p.commissionText, '@_mit_mwst': String(/mwst|ust/i.test(p.commissionText)) }
        : undefined,
      waehrung: { '@_iso_waehrung': 'EUR' },
      kaution_text: p.depositText ?? undefined,
    },
    flaechen: orEmpty({
      wohnflaeche: num(p.livingArea),
      nutzflaeche: num(p.usableArea),
      grundstuecksflaeche: num(p.plotArea),
      anzahl_zimmer: num(p.rooms),
      anzahl_schlafzimmer: num(p.bedrooms),
      anzahl_badezimmer: num(p.bathrooms),
      anzahl_balkone: f.has('balkon') ? '1' : undefined,
      anzahl_terrassen: f.has('terrasse') ? '1' : undefined,
    }),
    ausstattung: ausstattung(f),
    zustand_angaben: {
      baujahr: num(p.yearBuilt),
      zustand: p.condition ? { '@_zustand_art': CONDITION_TO_OPENIMMO[p.condition] } : undefined,
      energiepass: energiepass(p),
      verkaufstatus: sale && SALE_STATE[p.status] ? { '@_stand': SALE_STATE[p.status] } : undefined,
    },
    infrastruktur: {
      ausblick: f.has('seeblick')
        ? { '@_blick': 'SEE' }
        : f.has('bergblick')
          ? { '@_blick': 'BERGE' }
          : undefined,
    },
    freitexte: {
      objekttitel: p.title,
      lage: p.locationDescription || undefined,
      ausstatt_beschr: p.equipmentDescription || undefined,
      objektbeschreibung: p.description || undefined,
      // The one § 87 statement every channel prints, for listings without certificate values.
      sonstige_angaben: energiepassText(p),
    },
    anhaenge:
      listing.action === 'DELETE'
        ? undefined
        : {
            anhang: listing.attachments.map((a) => ({
              '@_location': 'INTERN',
              '@_gruppe': a.kind === 'floorplan' ? 'GRUNDRISS' : a === title ? 'TITELBILD' : 'BILD',
              anhangtitel: a.altText || undefined,
              format: 'image/jpeg',
              check: { '#text': a.md5, '@_ctype': 'MD5' },
              daten: { pfad: a.fileName },
            })),
          },
    verwaltung_objekt: {
      objektadresse_freigeben: String(p.showAddress),
      haustiere: flag(f.has('haustiere_erlaubt')),
      denkmalgeschuetzt: flag(f.has('denkmalschutz')),
    },
    verwaltung_techn: {
      objektnr_intern: p.id,
      objektnr_extern: p.externalId,
      aktion: listing.action === 'NEW' ? undefined : { '@_aktionart': listing.action },
      openimmo_obid: p.id.replaceAll('-', '').toUpperCase(),
      kennung_ursprung: 'ImmoXX',
      stand_vom: isoDate(listing.action === 'DELETE' ? createdAt : p.updatedAt),
      weitergabe_generell: 'true',
    },
  };
}

/** An OpenImmo 1.2.7b document for one office, as portals ingest it. */
export function buildOpenImmoXml(feed: ExportFeed): string {
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    openimmo: {
      uebertragung: {
        '@_art': 'OFFLINE',
        '@_umfang': feed.scope,
        '@_modus': feed.scope === 'VOLL' ? 'NEW' : 'CHANGE',
        '@_version': '1.2.7b',
        '@_sendersoftware': 'ImmoXX',
        '@_senderversion': feed.senderVersion,
        '@_techn_email': feed.office.technicalEmail,
        '@_timestamp': feed.createdAt.toISOString().slice(0, 19),
      },
      anbieter: {
        firma: feed.office.name,
        openimmo_anid: feed.office.openimmoAnid,
        immobilie: feed.listings.map((l) => compact(immobilie(l, feed.createdAt))),
      },
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    processEntities: true,
  });
  return builder.build(document) as string;
}
