import { describe, expect, it } from 'vitest';
import type { PropertyRow } from '../../crm/server/property-view.js';
import { composeFromProperty } from './compose-from-property.js';
import { checkVariant } from './post-rules.js';

const villa = {
  id: 'p1',
  slug: 'villa-meersburg-ab12',
  title: 'Villa mit Seeblick in Meersburg',
  city: 'Meersburg',
  district: null,
  objectType: 'haus',
  marketingType: 'kauf',
  rooms: 7,
  livingArea: 245.5,
  plotArea: 1200,
  features: ['seeblick', 'garten', 'kamin'],
  purchasePriceCents: 249_000_000,
  coldRentCents: null,
  energyCertificateType: 'bedarf',
  energyValue: 74.2,
  energyCarrier: 'waermepumpe',
  energyYearBuilt: 1998,
  yearBuilt: 1998,
  energyClass: 'B',
} as unknown as PropertyRow;

describe('post from a property', () => {
  const variants = composeFromProperty(villa, 'https://makler.example.de');

  it('writes one draft per channel with price, key facts, GEG energy data and a UTM link', () => {
    expect(variants.map((v) => v.platform)).toEqual(['facebook', 'instagram', 'linkedin', 'tiktok']);
    for (const v of variants) {
      expect(v.text).toContain('Kaufpreis 2.490.000');
      expect(v.text).toContain('Energieausweis: Energiebedarfsausweis, Endenergiebedarf 74,2 kWh/(m²·a)');
      expect(v.text).toContain('Energieeffizienzklasse B');
      // One label, never "Energieausweis: Energieausweis …".
      expect(v.text.match(/Energieausweis:/g)).toHaveLength(1);
      expect(v.link).toBe(
        `https://makler.example.de/p/villa-meersburg-ab12?utm_source=${v.platform}&utm_medium=social&utm_campaign=objekt`,
      );
    }
    expect(variants[0]?.text).toContain('7 Zimmer · 245,5 m² Wohnfläche · 1.200 m² Grundstück in Meersburg');
    expect(variants[1]?.text).not.toContain('https://');
    expect(variants[1]?.text).toContain('#Meersburg #Bodensee #Haus');
  });

  it('says "liegt noch nicht vor" once when no certificate is on file, as every other channel does', () => {
    for (const v of composeFromProperty(
      { ...villa, energyCertificateType: null } as PropertyRow,
      'https://x.de',
    ))
      expect(v.text).toContain('Energieausweis: liegt noch nicht vor');
  });

  it('every draft passes its platform rules (with a photo where one is required)', () => {
    for (const v of variants) {
      const media =
        v.platform === 'tiktok'
          ? [{ kind: 'video' as const, width: 1080, height: 1920, sizeBytes: 1e6, durationSeconds: 30 }]
          : [{ kind: 'image' as const, width: 1080, height: 1080, sizeBytes: 1e5 }];
      expect(
        checkVariant({
          platform: v.platform,
          format: v.platform === 'tiktok' ? 'reel' : 'feed',
          text: v.text,
          media,
        }),
      ).toEqual([]);
    }
  });

  it('a listing without rooms or living area (an office) names its usable area and never leaves a dangling “in”', () => {
    const office = {
      ...villa,
      title: 'Moderne Bürofläche in Überlingen',
      city: 'Überlingen',
      district: 'Nußdorf',
      objectType: 'buero_praxis',
      rooms: null,
      livingArea: null,
      usableArea: 66,
      plotArea: null,
    } as unknown as PropertyRow;
    const bare = { ...office, usableArea: null } as unknown as PropertyRow;
    const [facebook, instagram, linkedin, tiktok] = composeFromProperty(office, 'https://makler.example.de');
    expect(linkedin?.text).toContain('66 m² Nutzfläche in Überlingen-Nußdorf.');
    expect(facebook?.text).toContain('66 m² Nutzfläche in Überlingen-Nußdorf');
    for (const v of composeFromProperty(bare, 'https://makler.example.de')) {
      expect(v.text, v.platform).not.toMatch(/(^|\n) in /);
      expect(v.text, v.platform).not.toMatch(/📐 \n|– \n/);
    }
    expect(instagram?.text).toContain('📐 66 m² Nutzfläche');
    expect(tiktok?.text).toContain('Moderne Bürofläche in Überlingen – 66 m² Nutzfläche');
    expect(composeFromProperty(bare, 'https://makler.example.de')[2]?.text).toContain(
      'Lage: Überlingen-Nußdorf.',
    );
  });
});
