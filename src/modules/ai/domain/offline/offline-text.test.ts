import { describe, expect, it } from 'vitest';
import { demoProperties } from '../../../crm/demo/demo-properties.js';
import { createRandom } from '../../../crm/demo/random.js';
import { textRequestSchema } from '../../contract.js';
import { checkListingText } from '../compliance/check-listing-text.js';
import { factsFromProperty } from '../facts-from-property.js';
import type { ListingFacts } from '../listing-facts.js';
import { generateOfflineText } from './offline-text.js';
import { formatArea, formatEuros, formatNumber, wordCount } from './phrasing.js';

/** The demo office as `npm start` seeds it: same seed, same 60 listings. */
function demoListings(): ListingFacts[] {
  return demoProperties(createRandom(20261124), 'tenant', ['agent']).map((p, i) =>
    factsFromProperty(
      {
        ...p,
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        slug: p.slug,
        locationDescription: p.locationDescription ?? '',
        objectSubtype: p.objectSubtype ?? null,
        district: p.district ?? null,
        livingArea: p.livingArea ?? null,
        usableArea: p.usableArea ?? null,
        plotArea: p.plotArea ?? null,
        rooms: p.rooms ?? null,
        bedrooms: p.bedrooms ?? null,
        bathrooms: p.bathrooms ?? null,
        floor: p.floor ?? null,
        totalFloors: p.totalFloors ?? null,
        yearBuilt: p.yearBuilt ?? null,
        condition: p.condition ?? null,
        features: p.features ?? [],
        purchasePriceCents: p.purchasePriceCents ?? null,
        coldRentCents: p.coldRentCents ?? null,
        warmRentCents: p.warmRentCents ?? null,
        additionalCostsCents: p.additionalCostsCents ?? null,
        hausgeldCents: p.hausgeldCents ?? null,
        depositText: p.depositText ?? null,
        commissionText: p.commissionText ?? null,
        energyCertificateType: p.energyCertificateType ?? null,
        energyValue: p.energyValue ?? null,
        energyCarrier: p.energyCarrier ?? null,
        energyYearBuilt: p.energyYearBuilt ?? null,
        energyClass: p.energyClass ?? null,
      },
      'https://makler.example',
    ),
  );
}

const office = {
  name: 'Seeblick Immobilien',
  phone: '07531 12345',
  email: 'info@seeblick.example',
  agentName: 'Anna Berger',
};
const request = (over: Record<string, unknown>) =>
  textRequestSchema.parse({
    type: 'property_description',
    propertyId: '00000000-0000-4000-8000-000000000000',
    ...over,
  });

const contextOf = (f: ListingFacts) => ({ ...f, currentYear: 2026 });

describe('offline listing descriptions', () => {
  const listings = demoListings();

  it('writes 150–300 German words for every demo property that pass the compliance check and state its facts', () => {
    expect(listings.length).toBe(60);
    for (const f of listings) {
      const { text } = generateOfflineText(request({}), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      });
      const words = wordCount(text);
      expect(words, `${f.title}: ${words} words\n${text}`).toBeGreaterThanOrEqual(150);
      expect(words, `${f.title}: ${words} words\n${text}`).toBeLessThanOrEqual(300);
      const check = checkListingText(text, 'de', contextOf(f));
      expect(
        check.findings.filter((x) => x.severity === 'verstoss'),
        `${f.title}\n${text}`,
      ).toEqual([]);
      expect(text).toContain(f.city);
      const area = f.livingArea ?? f.usableArea ?? f.plotArea;
      if (area !== null) expect(text).toContain(formatArea(area, 'de'));
      if (f.rooms !== null) expect(text).toContain(formatNumber(f.rooms, 'de'));
      const price = f.purchasePriceCents ?? f.coldRentCents;
      if (price !== null) expect(text).toContain(formatEuros(price, 'de'));
      if (f.energy?.value) expect(text).toContain(`${formatNumber(f.energy.value, 'de')} kWh`);
      if (f.commissionText) expect(text).toContain(f.commissionText);
    }
  });

  it('varies the phrasing across variants and tones but keeps the facts', () => {
    const f = listings.find((x) => x.objectType === 'wohnung' && x.energy)!;
    const texts = new Set(
      ['professional', 'casual', 'luxury', 'friendly'].flatMap((tone) =>
        [0, 1, 2].map(
          (variant) =>
            generateOfflineText(request({ tone, variant }), {
              listing: f,
              contact: null,
              office,
              viewingAt: null,
            }).text,
        ),
      ),
    );
    expect(texts.size).toBeGreaterThanOrEqual(8);
    for (const text of texts) expect(checkListingText(text, 'de', contextOf(f)).passed).toBe(true);
  });

  it('writes English descriptions that pass the check, and scales with the requested length', () => {
    for (const f of listings.slice(0, 20)) {
      const short = generateOfflineText(request({ language: 'en', length: 'short' }), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      }).text;
      const long = generateOfflineText(request({ language: 'en', length: 'long' }), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      }).text;
      expect(wordCount(long)).toBeGreaterThan(wordCount(short));
      expect(checkListingText(long, 'en', contextOf(f)).passed, long).toBe(true);
      expect(long).not.toMatch(/\b1 bedrooms\b|\b1 rooms\b|\ba [aeiou]/);
    }
  });

  it('writes social posts per platform with the GEG items and emails addressed to the contact', () => {
    const f = listings.find((x) => x.energy && x.marketingType === 'kauf')!;
    for (const platform of ['facebook', 'instagram', 'linkedin', 'tiktok'] as const) {
      const { text } = generateOfflineText(request({ type: 'social_post', platform }), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      });
      expect(checkListingText(text, 'de', contextOf(f)).passed, text).toBe(true);
      if (platform === 'instagram') expect(text).toContain('Link zum Exposé in der Bio');
    }
    const contact = { salutation: 'frau', firstName: 'Eva', lastName: 'Keller', companyName: null };
    const mail = generateOfflineText(
      request({ type: 'email_invitation', contactId: '00000000-0000-4000-8000-000000000009' }),
      { listing: f, contact, office, viewingAt: new Date('2026-12-03T14:30:00Z') },
    );
    expect(mail.subject).toContain(f.title);
    expect(mail.text).toMatch(
      /^Sehr geehrte Frau Keller,\n\nwir freuen uns, Sie am Donnerstag, 3\. Dezember um 15:30 Uhr/,
    );
    expect(mail.text).toContain('Anna Berger');
  });

  it('refuses what it cannot write offline, saying what to do instead', () => {
    const f = listings[0]!;
    expect(() =>
      generateOfflineText(request({ language: 'fr' }), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      }),
    ).toThrow(/Französisch/);
    expect(() =>
      generateOfflineText(request({ type: 'custom', prompt: 'x' }), {
        listing: f,
        contact: null,
        office,
        viewingAt: null,
      }),
    ).toThrow(/KI-Anbieter/);
  });
});
