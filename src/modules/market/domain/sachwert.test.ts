import { describe, expect, it } from 'vitest';
import { type SachwertInput, sachwert } from './sachwert.js';

const house: SachwertInput = {
  buildings: [
    {
      label: 'Wohnhaus',
      nhk2010EuroPerSqm: 835,
      bruttoGrundflaecheSqm: 250,
      baupreisindex: 180.2,
      regionalfaktor: 1,
      gesamtnutzungsdauerYears: 80,
      restnutzungsdauerYears: 50,
    },
  ],
  aussenanlagenCents: 1_500_000,
  bodenwertCents: 24_000_000,
  sachwertfaktor: 1.1,
  besondereMerkmaleCents: 0,
};

describe('Sachwert (§§ 35–39 ImmoWertV)', () => {
  it('indexes the NHK 2010, depreciates linearly and applies the Sachwertfaktor', () => {
    const r = sachwert(house);
    // 835 € × 250 m² × 180,2 / 100 = 376.167,50 €; × 50/80 = 235.104,69 €.
    expect(r.steps.find((s) => s.key === 'gebaeude_0_herstellungskosten')?.value).toBe(37_616_750);
    expect(r.steps.find((s) => s.key === 'gebaeude_0_sachwert')?.value).toBe(23_510_469);
    // + 15.000 + 240.000 = 490.104,69 €; × 1,1 = 539.115,16 €.
    expect(r.steps.find((s) => s.key === 'vorlaeufiger_sachwert')?.value).toBe(49_010_469);
    expect(r.valueCents).toBe(53_911_516);
  });

  it('adds every building', () => {
    const garage = {
      ...house.buildings[0]!,
      label: 'Garage',
      nhk2010EuroPerSqm: 485,
      bruttoGrundflaecheSqm: 18,
      restnutzungsdauerYears: 30,
      gesamtnutzungsdauerYears: 60,
    };
    const r = sachwert({ ...house, buildings: [...house.buildings, garage] });
    expect(r.steps.filter((s) => s.key.endsWith('_sachwert') && s.key.startsWith('gebaeude_'))).toHaveLength(
      2,
    );
    expect(r.valueCents).toBeGreaterThan(sachwert(house).valueCents);
  });

  it('refuses a remaining life longer than the total life, naming the building', () => {
    expect(() =>
      sachwert({ ...house, buildings: [{ ...house.buildings[0]!, restnutzungsdauerYears: 90 }] }),
    ).toThrow(/Wohnhaus: Die Restnutzungsdauer/);
    expect(() => sachwert({ ...house, buildings: [] })).toThrow(/Gebäude/);
  });
});
