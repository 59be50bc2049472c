import { describe, expect, it } from 'vitest';
import { FEATURES } from '../domain/property-enums.js';
import { readOpenImmoXml } from './openimmo-reader.js';
import { validateOpenImmo } from './openimmo-validate.js';
import { buildOpenImmoXml, type ExportProperty } from './openimmo-writer.js';

const villa: ExportProperty = {
  id: '6f1c1e52-3b7a-4a34-9a53-2f7d2f1c0a11',
  externalId: 'IMX-2026-00A1B2',
  title: 'Villa mit Seeblick & Bootssteg in Überlingen',
  description: 'Großzügige Villa <direkt> am See.\n\nMit Einliegerwohnung.',
  locationDescription: 'Ruhige Hanglage, 5 Minuten zum Ufer.',
  equipmentDescription: 'Parkett, Fußbodenheizung, Sauna.',
  marketingType: 'kauf',
  objectType: 'haus',
  objectSubtype: 'villa',
  status: 'reserviert',
  street: 'Seeweg',
  houseNumber: '12a',
  postalCode: '88662',
  city: 'Überlingen',
  district: 'Nußdorf',
  federalState: 'BW',
  latitude: 47.7612,
  longitude: 9.1731,
  showAddress: true,
  livingArea: 245.5,
  usableArea: 80,
  plotArea: 1200,
  rooms: 7.5,
  bedrooms: 4,
  bathrooms: 3,
  floor: null,
  totalFloors: 2,
  yearBuilt: 1998,
  condition: 'modernisiert',
  features: [
    'balkon',
    'terrasse',
    'garten',
    'garage',
    'keller',
    'einbaukueche',
    'kamin',
    'fussbodenheizung',
    'seeblick',
    'gaeste_wc',
    'denkmalschutz',
  ],
  purchasePriceCents: 2_450_000_00,
  coldRentCents: null,
  warmRentCents: null,
  additionalCostsCents: null,
  hausgeldCents: null,
  depositText: null,
  commissionText: '3,57 % inkl. MwSt.',
  energyCertificateType: 'bedarf',
  energyValue: 112.4,
  energyCarrier: 'waermepumpe',
  energyYearBuilt: 1998,
  energyClass: 'D',
  energyIssuedAt: '2023-06-15',
  energyValidUntil: '2033-06-14',
  energyIncludesHotWater: null,
  updatedAt: new Date('2026-11-20T10:00:00Z'),
};
const contact = { name: 'Seeberger', firstName: 'Katharina', email: 'info@example.de', phone: '07531 12345' };
const feed = (listings: Parameters<typeof buildOpenImmoXml>[0]['listings']) =>
  buildOpenImmoXml({
    scope: 'VOLL',
    office: {
      name: 'Bodensee Immobilien GmbH',
      openimmoAnid: 'IMMOXX-TEST',
      technicalEmail: 'technik@example.de',
    },
    listings,
    createdAt: new Date('2026-11-24T08:00:00Z'),
    senderVersion: '0.1.0',
  });

describe('OpenImmo 1.2.7b export', () => {
  it('writes a document that validates against the project schema', async () => {
    const xml = feed([
      {
        property: villa,
        contact,
        action: 'NEW',
        attachments: [
          {
            fileName: 'bilder/a.jpg',
            kind: 'photo',
            isTitle: true,
            altText: 'Ansicht vom See',
            md5: 'd41d8cd98f00b204e9800998ecf8427e',
          },
          {
            fileName: 'bilder/b.jpg',
            kind: 'floorplan',
            isTitle: false,
            altText: '',
            md5: 'd41d8cd98f00b204e9800998ecf8427e',
          },
        ],
      },
      {
        property: {
          ...villa,
          id: '7f1c1e52-3b7a-4a34-9a53-2f7d2f1c0a12',
          externalId: 'IMX-2',
          objectSubtype: null,
          marketingType: 'miete',
          coldRentCents: 1_850_00,
          energyCertificateType: null,
          condition: null,
          features: [],
        },
        contact,
        action: 'CHANGE',
        attachments: [],
      },
      {
        property: { ...villa, id: '8f1c1e52-3b7a-4a34-9a53-2f7d2f1c0a13', externalId: 'IMX-3' },
        contact,
        action: 'DELETE',
        attachments: [],
      },
    ]);
    const check = await validateOpenImmo(xml);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    // The listing without a certificate carries the one § 87 statement as text (issue 18.7).
    expect(xml).toContain(
      '<sonstige_angaben>Ein Energieausweis liegt zum Zeitpunkt dieser Anzeige noch nicht vor.</sonstige_angaben>',
    );
    expect(xml).toContain('<haus haustyp="VILLA"/>');
    expect(xml).toContain('<aktion aktionart="DELETE"/>');
    expect(xml).toContain('&lt;direkt&gt;');
  });

  it('the schema refuses what portals would refuse', async () => {
    const xml = feed([{ property: villa, contact, action: 'NEW', attachments: [] }]);
    const broken = [
      xml.replace('<epart>BEDARF</epart>', '<epart>GESCHAETZT</epart>'),
      xml.replace(/<objekttitel>[^<]*<\/objekttitel>/, ''),
      xml.replace('<wohnflaeche>245.5</wohnflaeche>', '<wohnflaeche>-3</wohnflaeche>'),
      xml.replace(/<geo>\s*<plz>/, '<geo><ort>x</ort><plz>'),
    ];
    for (const doc of broken) expect((await validateOpenImmo(doc)).valid).toBe(false);
  });

  it('export → import keeps every field OpenImmo carries', () => {
    const xml = feed([{ property: villa, contact, action: 'CHANGE', attachments: [] }]);
    const [imported] = readOpenImmoXml(xml).listings;
    expect(imported?.action).toBe('CHANGE');
    expect(imported?.warnings).toEqual([]);
    expect(imported?.input).toEqual({
      externalId: villa.externalId,
      title: villa.title,
      description: villa.description,
      locationDescription: villa.locationDescription,
      equipmentDescription: villa.equipmentDescription,
      marketingType: 'kauf',
      objectType: 'haus',
      objectSubtype: 'villa',
      street: 'Seeweg',
      houseNumber: '12a',
      postalCode: '88662',
      city: 'Überlingen',
      district: 'Nußdorf',
      federalState: 'BW',
      latitude: 47.7612,
      longitude: 9.1731,
      showAddress: true,
      livingArea: 245.5,
      usableArea: 80,
      plotArea: 1200,
      rooms: 7.5,
      bedrooms: 4,
      bathrooms: 3,
      totalFloors: 2,
      yearBuilt: 1998,
      condition: 'modernisiert',
      // The reader lists features in the vocabulary's order.
      features: FEATURES.filter((f) => villa.features.includes(f)),
      purchasePrice: 2_450_000,
      commissionText: '3,57 % inkl. MwSt.',
      energyCertificateType: 'bedarf',
      energyValue: 112.4,
      energyCarrier: 'waermepumpe',
      energyYearBuilt: 1998,
      energyClass: 'D',
      energyIssuedAt: '2023-06-15',
      energyValidUntil: '2033-06-14',
    });
  });
});
