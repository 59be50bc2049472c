import { describe, expect, it } from 'vitest';
import { categorise } from './categorise.js';
import { extractEnergyCertificate } from './energy-certificate.js';

const certificate = `ENERGIEAUSWEIS für Wohngebäude
gemäß den §§ 79 ff. Gebäudeenergiegesetz (GEG)
Gültig bis: 14.03.2034   Registriernummer BW-2024-123456
Energiebedarf
Endenergiebedarf dieses Gebäudes  72,4 kWh/(m²·a)
Primärenergiebedarf 80,1 kWh/(m²·a)
Energieeffizienzklasse B`;

describe('auto-categorisation', () => {
  it('recognises an energy certificate and says why', () => {
    const guess = categorise({
      fileName: 'scan_0042.pdf',
      text: certificate,
      contentType: 'application/pdf',
    });
    expect(guess.category).toBe('energieausweis');
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.reason.join(' ')).toMatch(/ENERGIEAUSWEIS|Endenergiebedarf/);
  });

  it.each([
    ['Grundbuch von Konstanz Blatt 1234\nBestandsverzeichnis\nAbteilung II', 'grundbuchauszug'],
    ['Teilungserklärung und Gemeinschaftsordnung\nSondereigentum an der Wohnung Nr. 3', 'teilungserklaerung'],
    [
      'UR-Nr. 1234/2026\nKaufvertrag\nDer Kaufpreis beträgt 495.000 EUR. Auflassungsvormerkung',
      'kaufvertrag',
    ],
    ['Mietvertrag über Wohnraum\nVermieter: … Mieter: …\nKaltmiete 950 €', 'mietvertrag'],
    [
      'Betriebskostenabrechnung 2025\nAbrechnungszeitraum 01.01.–31.12.2025\nHeizkosten',
      'nebenkostenabrechnung',
    ],
  ])('files text under %#', (text, category) => {
    expect(categorise({ fileName: 'dokument.pdf', text, contentType: 'application/pdf' }).category).toBe(
      category,
    );
  });

  it('weighs the file name the broker chose', () => {
    expect(
      categorise({ fileName: 'Grundriss_OG.pdf', text: '', contentType: 'application/pdf' }).category,
    ).toBe('grundriss');
  });

  it('calls a photo without text a photo, and admits when it does not know', () => {
    expect(categorise({ fileName: 'IMG_2041.jpg', text: '', contentType: 'image/jpeg' }).category).toBe(
      'fotos',
    );
    expect(categorise({ fileName: 'x.pdf', text: 'Lorem ipsum', contentType: 'application/pdf' })).toEqual({
      category: 'sonstiges',
      confidence: 0,
      reason: [],
    });
  });
});

describe('energy certificate facts', () => {
  it('reads type, value, class and valid-until date', () => {
    expect(extractEnergyCertificate(certificate)).toEqual({
      certificateType: 'bedarf',
      energyValue: 72.4,
      efficiencyClass: 'B',
      validUntil: '2034-03-14',
    });
  });

  it('copes with OCR spellings and a consumption certificate', () => {
    const ocr =
      'Energieverbrauchsausweis\nGultig bls 1.7.2031\nEndenergieverbrauch dieses Gebaudes 128 kWh/(m2a)\nEffizienzklasse: d';
    expect(extractEnergyCertificate(ocr)).toEqual({
      certificateType: 'verbrauch',
      energyValue: 128,
      efficiencyClass: 'D',
      validUntil: '2031-07-01',
    });
  });

  it('returns nulls when nothing is there, and refuses impossible dates', () => {
    expect(extractEnergyCertificate('Gültig bis 31.02.2030')).toEqual({
      certificateType: null,
      energyValue: null,
      efficiencyClass: null,
      validUntil: null,
    });
  });
});
