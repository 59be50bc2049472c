import { describe, expect, it } from 'vitest';
import { BUILTIN_SEGMENTS, inBuiltin, inSegment, type SegmentFacts } from './segments.js';

const now = new Date('2026-12-06T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const lead = (patch: Partial<SegmentFacts>): SegmentFacts => ({
  total: 30,
  leadStatus: 'kontaktiert',
  kind: 'person',
  roles: ['interessent'],
  country: 'DEU',
  phones: [],
  searches: [],
  lastSignalAt: daysAgo(1),
  createdAt: daysAgo(200),
  ...patch,
});
const segmentsOf = (f: SegmentFacts) => BUILTIN_SEGMENTS.filter((k) => inBuiltin(k, f, now));

describe('built-in segments', () => {
  it('puts an open lead in exactly one of hot, warm and cold; a closed one in none', () => {
    expect(segmentsOf(lead({ total: 50 }))).toContain('heiss');
    expect(segmentsOf(lead({ total: 49 }))).toContain('warm');
    expect(segmentsOf(lead({ total: 24 }))).toContain('kalt');
    expect(segmentsOf(lead({ total: 90, leadStatus: 'gewonnen' }))).toEqual([]);
  });

  it('tells investors, first-time buyers and tenant seekers apart', () => {
    const investor = lead({ searches: [{ marketingType: 'kauf', objectTypes: ['zinshaus_renditeobjekt'] }] });
    expect(segmentsOf(investor)).toEqual(['warm', 'investor', 'erstkaeufer']);
    const owner = lead({
      roles: ['eigentuemer'],
      searches: [{ marketingType: 'kauf', objectTypes: ['wohnung'] }],
    });
    expect(segmentsOf(owner)).toEqual(['warm']);
    const company = lead({ kind: 'firma', searches: [{ marketingType: 'kauf', objectTypes: ['wohnung'] }] });
    expect(segmentsOf(company)).toEqual(['warm', 'investor']);
    expect(segmentsOf(lead({ searches: [{ marketingType: 'miete', objectTypes: [] }] }))).toEqual([
      'warm',
      'mietinteressent',
    ]);
  });

  it('finds buyers from Switzerland and Austria by country or dialling code', () => {
    const buying = [{ marketingType: 'kauf', objectTypes: ['wohnung'] }];
    expect(inBuiltin('grenzgaenger', lead({ country: 'CHE', searches: buying }), now)).toBe(true);
    expect(inBuiltin('grenzgaenger', lead({ phones: ['+41 71 123 45 67'], searches: buying }), now)).toBe(
      true,
    );
    expect(inBuiltin('grenzgaenger', lead({ phones: ['0043 5574 12345'], searches: buying }), now)).toBe(
      true,
    );
    expect(inBuiltin('grenzgaenger', lead({ phones: ['+49 7531 12345'], searches: buying }), now)).toBe(
      false,
    );
    expect(inBuiltin('grenzgaenger', lead({ country: 'CHE' }), now)).toBe(false);
  });

  it('calls a lead dormant after 90 days without a signal, not a new one', () => {
    expect(inBuiltin('schlafend', lead({ lastSignalAt: daysAgo(91) }), now)).toBe(true);
    expect(inBuiltin('schlafend', lead({ lastSignalAt: null, createdAt: daysAgo(10) }), now)).toBe(false);
    expect(inBuiltin('schlafend', lead({ lastSignalAt: daysAgo(30) }), now)).toBe(false);
  });
});

describe('saved segments', () => {
  it('require every condition', () => {
    const rule = { builtin: 'heiss' as const, countries: ['CHE'], marketingTypes: ['kauf'] };
    const swissBuyer = lead({
      total: 70,
      country: 'CHE',
      searches: [{ marketingType: 'kauf', objectTypes: [] }],
    });
    expect(inSegment(rule, swissBuyer, now)).toBe(true);
    expect(inSegment(rule, { ...swissBuyer, country: 'DEU' }, now)).toBe(false);
    expect(inSegment({ minScore: 40, maxScore: 60 }, lead({ total: 61 }), now)).toBe(false);
    expect(inSegment({ inactiveDays: 30 }, lead({ lastSignalAt: daysAgo(31) }), now)).toBe(true);
  });
});
