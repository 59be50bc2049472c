import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, FACTOR_IDS, FACTOR_MAX } from './factors.js';
import { emptyFacts, type LeadEventFact, type LeadFacts } from './lead-facts.js';
import { scoreLead } from './score.js';

const now = new Date('2026-12-06T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const options = { weights: DEFAULT_WEIGHTS, halfLifeDays: 14, now };
const facts = (patch: Partial<LeadFacts>): LeadFacts => ({ ...emptyFacts(), ...patch });
const visit = (d: number, session: string): LeadEventFact => ({ kind: 'page_view', at: daysAgo(d), session });

describe('scoreLead', () => {
  it('has default maxima adding up to 100, half qualification and half engagement', () => {
    expect(FACTOR_IDS.reduce((s, id) => s + FACTOR_MAX[id], 0)).toBe(100);
  });

  it('names its top reasons in words, as the issue asks', () => {
    const score = scoreLead(
      facts({
        hasName: true,
        hasEmail: true,
        financingConfirmed: true,
        matchingListings: 3,
        events: [visit(1, 'a'), visit(1, 'a'), visit(2, 'b'), visit(4, 'c'), visit(6, 'd')],
      }),
      options,
    );
    expect(score.summary).toBe(
      `${score.total}: Finanzierungsbestätigung, Suchprofil passt zu 3 Objekten, 4 Besuche in 7 Tagen`,
    );
  });

  it('lets interest fade: the same visit counts half after the half-life', () => {
    const fresh = scoreLead(facts({ events: [visit(0, 'a')] }), options);
    const old = scoreLead(facts({ events: [visit(14, 'a')] }), options);
    const points = (s: typeof fresh) => s.factors.find((f) => f.id === 'besuche')!.points;
    expect(points(fresh)).toBe(2.5);
    expect(points(old)).toBe(1.3);
    expect(old.factors.find((f) => f.id === 'besuche')!.reason).toBe('1 Besuch in 30 Tagen');
  });

  it('never counts machine opens of e-mails', () => {
    const machine = scoreLead(
      facts({ events: [{ kind: 'email_open', at: daysAgo(0), machine: true }] }),
      options,
    );
    expect(machine.total).toBe(0);
    expect(machine.summary).toBe('0: noch keine Hinweise auf Interesse');
  });

  it('rescales by the office weights, and a weight of 0 drops a factor', () => {
    const lead = facts({ financingConfirmed: true, events: [visit(0, 'a')] });
    expect(scoreLead(lead, options).total).toBe(18);
    const financingOnly = { ...DEFAULT_WEIGHTS, besuche: 0 };
    const onlyFinancing = scoreLead(lead, { ...options, weights: financingOnly });
    expect(onlyFinancing.total).toBe(17);
    expect(onlyFinancing.summary).toBe('17: Finanzierungsbestätigung');
    const doubled = scoreLead(lead, { ...options, weights: { ...DEFAULT_WEIGHTS, finanzierung: 3 } });
    expect(doubled.total).toBeGreaterThan(18);
  });

  it('compares buying power with the search profile’s price', () => {
    const covered = scoreLead(
      facts({ buyingPowerCents: 700_000_00, searchMaxPriceCents: 600_000_00 }),
      options,
    );
    const kaufkraft = covered.factors.find((f) => f.id === 'kaufkraft')!;
    expect(kaufkraft.points).toBe(10);
    expect(kaufkraft.reason).toBe('Kaufkraft 700.000\u00a0€ deckt Suchprofil bis 600.000\u00a0€');
    const short = scoreLead(
      facts({ buyingPowerCents: 300_000_00, searchMaxPriceCents: 600_000_00 }),
      options,
    );
    expect(short.factors.find((f) => f.id === 'kaufkraft')!.points).toBe(0);
  });

  it('takes the best viewing feedback', () => {
    const score = scoreLead(
      facts({
        events: [
          { kind: 'feedback', at: daysAgo(0), value: 2 },
          { kind: 'feedback', at: daysAgo(0), value: 5, wantsOffer: true },
        ],
      }),
      options,
    );
    const feedback = score.factors.find((f) => f.id === 'feedback')!;
    expect(feedback.points).toBe(8);
    expect(feedback.reason).toBe('Feedback: Interesse 5 von 5, möchte ein Angebot');
  });
});
