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
      energyCarrier: null,
      yearBuilt: null,
    });
  });

  it('reads the energy carrier and building year in the field order of the official form (GEG Anlage 6, page 1)', () => {
    // Labels as the Muster "Energieausweis für Wohngebäude" (Anlage 6 zu § 85 Absatz 1 GEG) prints them.
    const page1 = `ENERGIEAUSWEIS für Wohngebäude
gemäß den §§ 79 ff. Gebäudeenergiegesetz (GEG) vom 8. August 2020
Gültig bis: 30.09.2033
Gebäudetyp Mehrfamilienhaus
Adresse Seestraße 4, 78464 Konstanz
Baujahr Gebäude 1972
Baujahr Wärmeerzeuger 2009
Anzahl der Wohnungen 6
Wesentliche Energieträger für Heizung
Erdgas H
Wesentliche Energieträger für Warmwasser Strom
Endenergieverbrauch dieses Gebäudes 141,3 kWh/(m²·a)
Energieeffizienzklasse E`;
    expect(extractEnergyCertificate(page1)).toEqual({
      certificateType: 'verbrauch',
      energyValue: 141.3,
      efficiencyClass: 'E',
      validUntil: '2033-09-30',
      energyCarrier: 'gas',
      yearBuilt: 1972,
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
      energyCarrier: null,
      yearBuilt: null,
    });
  });

  it('returns nulls when nothing is there, and refuses impossible dates', () => {
    expect(extractEnergyCertificate('Gültig bis 31.02.2030')).toEqual({
      certificateType: null,
      energyValue: null,
      efficiencyClass: null,
      validUntil: null,
      energyCarrier: null,
      yearBuilt: null,
    });
  });
});
