import { describe, expect, it } from 'vitest';
import { hintsFor } from './owner-report-data.js';
import { periodText } from './owner-report-pdf.js';
import { previousWeek, reportFileName } from './owner-report-send.js';

// ISO weeks checked against Python's datetime.date.isocalendar(): 2026-10-19 is 2026-W43,
// 2026-12-28 is 2026-W53 (2026 has 53 weeks), 2027-01-04 is 2027-W01.
describe('the weekly period', () => {
  it('is last week from Monday to Monday in Berlin, across the end of summer time', () => {
    const week = previousWeek(new Date('2026-10-26T08:30:00Z'));
    expect(week.isoWeek).toBe('2026-W43');
    expect(week.from.toISOString()).toBe('2026-10-18T22:00:00.000Z'); // 00:00 CEST
    expect(week.to.toISOString()).toBe('2026-10-25T23:00:00.000Z'); // 00:00 CET
    expect(periodText(week)).toBe('19.10.2026 – 25.10.2026');
  });

  it('names the 53rd week of 2026 and the first of 2027 as ISO 8601 does', () => {
    expect(previousWeek(new Date('2027-01-04T09:00:00Z')).isoWeek).toBe('2026-W53');
    expect(previousWeek(new Date('2027-01-11T09:00:00Z')).isoWeek).toBe('2027-W01');
  });

  it('takes Sunday night in Berlin as the week just ending, not the next', () => {
    // 23:30 on Sunday 2026-11-29 in Berlin is 22:30 UTC: the week before is W47.
    expect(previousWeek(new Date('2026-11-29T22:30:00Z')).isoWeek).toBe('2026-W47');
    expect(previousWeek(new Date('2026-11-29T23:30:00Z')).isoWeek).toBe('2026-W48');
  });

  it('gives the file a name without spaces or slashes, dated by the last day', () => {
    expect(reportFileName('IMX 2026/01', previousWeek(new Date('2026-10-26T08:30:00Z')))).toBe(
      'Eigentuemerbericht-IMX_2026_01-2026-10-25.pdf',
    );
  });
});

describe('hints from the figures', () => {
  const viewings = (zuHoch: number, angemessen: number, visitors = 0, noShows = 0) => ({
    inPeriod: 0,
    total: 1,
    held: 1,
    visitors,
    checkIns: visitors - noShows,
    noShows,
    feedbacks: zuHoch + angemessen,
    averageInterest: null,
    wantsOffer: 0,
    wantsSecondViewing: 0,
    priceOpinions: { zu_hoch: zuHoch, angemessen, guenstig: 0 },
    weeks: [],
    missingNotes: [],
  });
  const none = { period: 0, total: 0, byChannel: [] };

  it('advises a price talk only when most of at least three visitors find it too high', () => {
    expect(hintsFor({ viewings: viewings(3, 2), inquiries: none, portals: [] })).toEqual([
      '3 von 5 Besuchern halten den Preis für zu hoch – eine Preisanpassung sollte besprochen werden.',
    ]);
    expect(hintsFor({ viewings: viewings(2, 2), inquiries: none, portals: [] })).toEqual([]);
    expect(hintsFor({ viewings: viewings(2, 0), inquiries: none, portals: [] })).toEqual([]);
  });

  it('names many no-shows, and silence despite being online', () => {
    expect(hintsFor({ viewings: viewings(0, 0, 8, 2), inquiries: none, portals: [] })).toEqual([
      '2 von 8 angemeldeten Besuchern sind nicht erschienen.',
    ]);
    const online = [
      { name: 'ImmoScout24', state: 'Online', onlineSince: new Date(), url: null, error: null },
    ];
    expect(hintsFor({ viewings: null, inquiries: none, portals: online })).toEqual([
      'Trotz Portal-Veröffentlichung ist noch keine Anfrage eingegangen.',
    ]);
  });
});
