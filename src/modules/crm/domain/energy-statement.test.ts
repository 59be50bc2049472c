import { describe, expect, it } from 'vitest';
import { energyStatement } from './energy-statement.js';

const flat = {
  objectType: 'wohnung',
  yearBuilt: 1998,
  features: [] as string[],
  energyCertificateType: 'verbrauch',
  energyValue: 112.4,
  energyCarrier: 'gas',
  energyYearBuilt: null,
  energyClass: 'D',
};

describe('energyStatement (GEG § 87), the one statement every channel prints', () => {
  it('lists the five § 87 items in German with a decimal comma', () => {
    const s = energyStatement(flat);
    expect(s.kind).toBe('certificate');
    expect(s.items).toBe(
      'Energieverbrauchsausweis, Endenergieverbrauch 112,4 kWh/(m²·a), wesentlicher Energieträger Gas, Baujahr 1998, Energieeffizienzklasse D',
    );
    expect(s.line).toBe(`Energieausweis: ${s.items}`);
    expect(s.missing).toEqual([]);
  });

  it('says once, in the same words everywhere, that no certificate is on file', () => {
    const s = energyStatement({ ...flat, energyCertificateType: null });
    expect(s.kind).toBe('none');
    expect(s.line).toBe('Energieausweis: liegt noch nicht vor');
    // The line never doubles its own label, the mistake the social draft made.
    expect(s.line?.match(/Energieausweis/g)).toHaveLength(1);
    expect(s.sentence).toContain('noch nicht vor');
  });

  it('says nothing for plots and parking, and names the exemption for listed buildings', () => {
    expect(energyStatement({ ...flat, objectType: 'grundstueck' }).line).toBeNull();
    const monument = energyStatement({ ...flat, energyCertificateType: null, features: ['denkmalschutz'] });
    expect(monument.kind).toBe('exempt');
    expect(monument.sentence).toContain('§ 79 Abs. 4 GEG');
  });

  it('names the items a certificate on file lacks', () => {
    expect(energyStatement({ ...flat, energyCarrier: null, energyClass: null }).missing).toEqual([
      'wesentlicher Energieträger',
      'Energieeffizienzklasse',
    ]);
  });

  it('speaks English for English texts', () => {
    expect(energyStatement(flat, 'en').line).toContain('main energy source gas');
  });
});
