import { describe, expect, it } from 'vitest';
import { applyFix, checkListingText, type ListingContext } from './check-listing-text.js';

const flat: ListingContext = {
  marketingType: 'miete',
  objectType: 'wohnung',
  energy: {
    certificateType: 'verbrauch',
    value: 92.4,
    carrier: 'gas',
    yearBuilt: 1994,
    efficiencyClass: 'C',
  },
  commissionText: null,
  livingArea: 78,
  rooms: 3,
  yearBuilt: 1994,
  features: ['balkon'],
  currentYear: 2026,
};
const energy = 'Energieverbrauchsausweis, 92,4 kWh/(m²·a), Energieträger Gas, Baujahr 1994, Klasse C.';

describe('checkListingText', () => {
  it('passes a clean advert with every GEG item', () => {
    const result = checkListingText(`Helle 3-Zimmer-Wohnung, 78 m² Wohnfläche. ${energy}`, 'de', flat);
    expect(result).toEqual({ passed: true, findings: [] });
  });

  it('flags discriminating phrases with their span and a fix that removes them', () => {
    const text = `Schöne Wohnung, nur an deutsche Mieter, keine Kinder, keine Ausländer. ${energy}`;
    const result = checkListingText(text, 'de', flat);
    expect(result.passed).toBe(false);
    const agg = result.findings.filter((f) => f.category === 'agg');
    expect(agg.map((f) => [f.code, f.excerpt])).toEqual([
      ['agg_origin', 'nur an deutsche Mieter'],
      ['agg_family', 'keine Kinder'],
      ['agg_origin', 'keine Ausländer'],
    ]);
    for (const f of agg) expect(text.slice(f.start!, f.end!)).toBe(f.excerpt);
    let fixed = text;
    for (const f of [...agg].reverse()) fixed = applyFix(fixed, f);
    expect(checkListingText(fixed, 'de', flat).findings.filter((f) => f.category === 'agg')).toEqual([]);
  });

  it('flags English exclusions too', () => {
    const result = checkListingText('Lovely flat, no children, Germans only.', 'en', {
      ...flat,
      energy: null,
    });
    expect(result.findings.filter((f) => f.category === 'agg').map((f) => f.excerpt)).toEqual([
      'no children',
      'Germans only',
    ]);
  });

  it('names the missing GEG § 87 items and appends them from the certificate as the fix', () => {
    const text = 'Helle 3-Zimmer-Wohnung mit Balkon. Energieverbrauchsausweis liegt vor.';
    const result = checkListingText(text, 'de', flat);
    const missing = result.findings.find((f) => f.code === 'geg_missing')!;
    expect(missing.message).toBe(
      'Pflichtangaben nach § 87 GEG fehlen: Energiekennwert, wesentlicher Energieträger, Baujahr, Energieeffizienzklasse.',
    );
    const fixed = applyFix(text, missing);
    expect(checkListingText(fixed, 'de', flat).passed).toBe(true);
  });

  it('catches a wrong energy value or class against the certificate', () => {
    const text = 'Energieverbrauchsausweis, 82,4 kWh/(m²·a), Energieträger Gas, Baujahr 1994, Klasse B.';
    const codes = checkListingText(text, 'de', flat).findings.map((f) => [f.code, f.excerpt]);
    expect(codes).toEqual([
      ['geg_value_mismatch', '82,4 kWh'],
      ['geg_class_mismatch', 'Klasse B'],
    ]);
  });

  it('calls "provisionsfrei" misleading when a commission is set, and not otherwise', () => {
    const sale = { ...flat, marketingType: 'kauf' as const, commissionText: '3,57 % inkl. MwSt.' };
    const text = `Provisionsfrei für Käufer! ${energy}`;
    const finding = checkListingText(text, 'de', sale).findings[0]!;
    expect(finding).toMatchObject({
      code: 'claim_commission',
      excerpt: 'Provisionsfrei',
      severity: 'verstoss',
    });
    expect(applyFix(text, finding)).toContain('Provision: 3,57 % inkl. MwSt. für Käufer!');
    expect(checkListingText(text, 'de', { ...sale, commissionText: 'provisionsfrei' }).passed).toBe(true);
  });

  it('checks stated area, rooms, new-build and guarantee claims against the listing', () => {
    const text = `Neubau! 4-Zimmer-Wohnung mit 95 m² Wohnfläche, garantierte Wertsteigerung, Seeblick. ${energy}`;
    const result = checkListingText(text, 'de', flat);
    expect(result.findings.map((f) => f.code)).toEqual([
      'claim_new_build',
      'claim_rooms',
      'claim_area',
      'claim_guarantee',
      'claim_lake_view',
    ]);
    expect(result.findings.find((f) => f.code === 'claim_lake_view')?.severity).toBe('hinweis');
  });

  it('only hints when the listing has no certificate data, and skips plots', () => {
    const none = checkListingText('Wohnung in Konstanz.', 'de', { ...flat, energy: null });
    expect(none).toMatchObject({
      passed: true,
      findings: [{ code: 'geg_no_certificate_data', severity: 'hinweis' }],
    });
    expect(
      checkListingText('Baugrundstück in Meersburg.', 'de', { ...flat, objectType: 'grundstueck' }).findings,
    ).toEqual([]);
  });
});
