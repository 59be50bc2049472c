import { describe, expect, it } from 'vitest';
import { energyLine, graphicLines, outroLines, priceLine, reelCaptions } from './graphic-lines.js';
import type { ListingFacts } from './listing-facts.js';

const flat: ListingFacts = {
  id: 'p1',
  title: 'Helle 3-Zimmer-Wohnung mit Seeblick',
  marketingType: 'kauf',
  objectType: 'wohnung',
  objectSubtype: null,
  city: 'Konstanz',
  district: 'Altstadt',
  livingArea: 85.5,
  usableArea: null,
  plotArea: null,
  rooms: 3,
  bedrooms: 2,
  bathrooms: 1,
  floor: 2,
  totalFloors: 4,
  yearBuilt: 1998,
  condition: null,
  features: ['balkon', 'seeblick', 'unbekannt'],
  purchasePriceCents: 64_900_000,
  coldRentCents: null,
  warmRentCents: null,
  additionalCostsCents: null,
  hausgeldCents: null,
  depositText: null,
  commissionText: null,
  locationDescription: '',
  energy: { certificateType: 'bedarf', value: 72.4, carrier: 'gas', yearBuilt: 1998, efficiencyClass: 'B' },
  publicUrl: 'https://makler.example/objekte/p1',
};

describe('graphic lines', () => {
  it('writes price, key facts and the GEG items in German number format', () => {
    const lines = graphicLines(flat);
    expect(lines.kicker).toBe('Wohnung zum Kauf · Konstanz-Altstadt');
    expect(lines.price).toBe('Kaufpreis 649.000\u00a0€');
    expect(lines.keyFacts).toEqual(['3 Zimmer', '85,5 m² Wohnfläche', 'Balkon', 'Seeblick']);
    expect(lines.energy).toBe('Bedarfsausweis · 72,4 kWh/(m²·a) · Gas · Bj. 1998 · Klasse B');
    expect(lines.energyClass).toBe('B');
  });

  it('names rent for lettings and says when a price is on request', () => {
    expect(priceLine({ ...flat, marketingType: 'miete', coldRentCents: 125_000 })).toBe(
      'Kaltmiete 1.250\u00a0€',
    );
    expect(priceLine({ ...flat, purchasePriceCents: null })).toBe('Preis auf Anfrage');
  });

  it('leaves out energy items for plots and says once that no certificate is on file', () => {
    expect(energyLine({ ...flat, objectType: 'grundstueck' })).toBeNull();
    expect(energyLine({ ...flat, energy: null })).toBe('Energieausweis liegt noch nicht vor');
    expect(graphicLines({ ...flat, objectType: 'grundstueck' }).energyClass).toBeNull();
  });

  it('gives every reel slide its own caption and the outro the office contact', () => {
    const captions = reelCaptions(flat, 4);
    expect(captions).toHaveLength(4);
    expect(new Set(captions).size).toBe(4);
    expect(captions[1]).toBe('Kaufpreis 649.000\u00a0€');
    expect(reelCaptions(flat, 12)).toHaveLength(12);
    expect(
      outroLines(
        { name: 'Bodensee Immobilien', phone: '07531 1234', email: null, agentName: 'Anna Berger' },
        flat.publicUrl,
      ),
    ).toEqual([
      'Jetzt Besichtigung vereinbaren',
      'Bodensee Immobilien',
      'Anna Berger',
      'Tel. 07531 1234',
      'makler.example/objekte/p1',
    ]);
  });
});
