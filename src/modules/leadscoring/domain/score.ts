import {
  ENGAGEMENT_FACTORS,
  FACTOR_IDS,
  FACTOR_MAX,
  type FactorId,
  type FactorWeights,
  QUALIFICATION_FACTORS,
} from './factors.js';
import type { EventKind, LeadEventFact, LeadFacts } from './lead-facts.js';

/** One factor's share of a score, with the sentence the broker reads. */
export interface FactorPoints {
  id: FactorId;
  points: number;
  max: number;
  weight: number;
  /** Empty when the factor gave nothing. */
  reason: string;
}

export interface LeadScore {
  total: number;
  qualification: number;
  engagement: number;
  factors: FactorPoints[];
  /** "78: Finanzierungsbestätigung, 4 Besuche in 7 Tagen, Suchprofil passt zu 3 Objekten". */
  summary: string;
}

export interface ScoreOptions {
  weights: FactorWeights;
  /** Interest counts half after this many days, a quarter after twice as many. */
  halfLifeDays: number;
  now: Date;
}

const DAY_MS = 86_400_000;
const euro = (cents: number) =>
  new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );
const round1 = (x: number) => Math.round(x * 10) / 10;

function decayOf(event: LeadEventFact, options: ScoreOptions): number {
  const ageDays = Math.max(0, (options.now.getTime() - event.at.getTime()) / DAY_MS);
  return 0.5 ** (ageDays / options.halfLifeDays);
}

/** Visits: page views of one session count once, at the session's latest view. */
function visits(events: LeadEventFact[]): LeadEventFact[] {
  const bySession = new Map<string, LeadEventFact>();
  const loose: LeadEventFact[] = [];
  for (const e of events) {
    if (e.kind !== 'page_view') continue;
    if (!e.session) loose.push(e);
    else if ((bySession.get(e.session)?.at.getTime() ?? 0) < e.at.getTime()) bySession.set(e.session, e);
  }
  return [...bySession.values(), ...loose];
}

/** "in 7 Tagen" when they were recent, else "in 30 Tagen", else no window. */
function countWithWindow(events: LeadEventFact[], now: Date): { n: number; window: string } {
  for (const days of [7, 30]) {
    const n = events.filter((e) => now.getTime() - e.at.getTime() <= days * DAY_MS).length;
    if (n === events.length) return { n, window: ` in ${days} Tagen` };
  }
  return { n: events.length, window: '' };
}

const times = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

function qualificationPoints(id: FactorId, facts: LeadFacts): { points: number; reason: string } {
  switch (id) {
    case 'kontakt': {
      const have = [facts.hasName, facts.hasEmail, facts.hasPhone, facts.hasAddress].filter(Boolean).length;
      if (have === 0) return { points: 0, reason: '' };
      return {
        points: (FACTOR_MAX.kontakt * have) / 4,
        reason: have === 4 ? 'Kontaktdaten vollständig' : `Kontaktdaten: ${have} von 4 Angaben`,
      };
    }
    case 'finanzierung':
      return facts.financingConfirmed
        ? { points: FACTOR_MAX.finanzierung, reason: 'Finanzierungsbestätigung' }
        : { points: 0, reason: '' };
    case 'eigenkapital': {
      const equity = facts.equityCents !== null;
      const income = facts.netIncomeMonthlyCents !== null;
      if (!equity && !income) return { points: 0, reason: '' };
      const reason =
        equity && income
          ? 'Eigenkapital und Einkommen angegeben'
          : equity
            ? 'Eigenkapital angegeben'
            : 'Einkommen angegeben';
      return { points: (FACTOR_MAX.eigenkapital * (Number(equity) + Number(income))) / 2, reason };
    }
    case 'kaufkraft': {
      const power = facts.buyingPowerCents;
      if (power === null || power <= 0) return { points: 0, reason: '' };
      const wanted = facts.searchMaxPriceCents;
      if (wanted === null || wanted <= 0)
        return { points: FACTOR_MAX.kaufkraft / 2, reason: `Kaufkraft bis ${euro(power)} geschätzt` };
      // Full points when the buying power reaches the search price, none below 60 % of it.
      const share = Math.min(1, Math.max(0, (power / wanted - 0.6) / 0.4));
      if (share === 0) return { points: 0, reason: '' };
      const reason =
        share === 1
          ? `Kaufkraft ${euro(power)} deckt Suchprofil bis ${euro(wanted)}`
          : `Kaufkraft ${euro(power)} knapp unter Suchprofil bis ${euro(wanted)}`;
      return { points: FACTOR_MAX.kaufkraft * share, reason };
    }
    case 'suchprofil': {
      const n = facts.matchingListings;
      if (n <= 0) return { points: 0, reason: '' };
      const share = n === 1 ? 0.5 : n === 2 ? 0.75 : 1;
      return {
        points: FACTOR_MAX.suchprofil * share,
        reason: `Suchprofil passt zu ${times(n, '1 Objekt', 'Objekten')}`,
      };
    }
    default:
      return { points: 0, reason: '' };
  }
}

function engagementPoints(
  id: FactorId,
  facts: LeadFacts,
  options: ScoreOptions,
): { points: number; reason: string } {
  const of = (...kinds: EventKind[]) => facts.events.filter((e) => kinds.includes(e.kind) && !e.machine);
  const decayed = (events: LeadEventFact[], each: number) =>
    Math.min(
      FACTOR_MAX[id],
      events.reduce((sum, e) => sum + each * decayOf(e, options), 0),
    );
  switch (id) {
    case 'besuche': {
      const v = visits(facts.events);
      if (v.length === 0) return { points: 0, reason: '' };
      const { n, window } = countWithWindow(v, options.now);
      return { points: decayed(v, 2.5), reason: `${times(n, '1 Besuch', 'Besuche')}${window}` };
    }
    case 'expose': {
      const views = of('expose_view');
      const downloads = of('expose_download');
      if (views.length + downloads.length === 0) return { points: 0, reason: '' };
      const parts = [
        views.length > 0 ? `Exposé ${views.length}× geöffnet` : '',
        downloads.length > 0 ? `${downloads.length}× als PDF geladen` : '',
      ].filter(Boolean);
      return { points: decayed([...views, ...downloads], 4), reason: parts.join(', ') };
    }
    case 'interaktionen': {
      const events = of('gallery', 'tour_3d', 'floor_plan');
      if (events.length === 0) return { points: 0, reason: '' };
      const what = [
        events.some((e) => e.kind === 'tour_3d') ? '3D-Rundgang' : '',
        events.some((e) => e.kind === 'floor_plan') ? 'Grundriss' : '',
        events.some((e) => e.kind === 'gallery') ? 'Galerie' : '',
      ].filter(Boolean);
      return { points: decayed(events, 1), reason: `${what.join(', ')} angesehen` };
    }
    case 'besichtigung': {
      const attended = of('viewing_attended');
      const booked = of('viewing_booked');
      if (attended.length + booked.length === 0) return { points: 0, reason: '' };
      const points = Math.min(
        FACTOR_MAX.besichtigung,
        attended.reduce((s, e) => s + 10 * decayOf(e, options), 0) +
          booked.reduce((s, e) => s + 5 * decayOf(e, options), 0),
      );
      const reason =
        attended.length > 0
          ? `${times(attended.length, '1 Besichtigung', 'Besichtigungen')} wahrgenommen`
          : `${times(booked.length, '1 Besichtigung', 'Besichtigungen')} gebucht`;
      return { points, reason };
    }
    case 'feedback': {
      let best: { points: number; reason: string } = { points: 0, reason: '' };
      for (const e of of('feedback')) {
        const interest = e.value ?? 0;
        const base = interest >= 5 ? 6 : interest === 4 ? 4.5 : interest === 3 ? 1.5 : 0;
        const points = Math.min(FACTOR_MAX.feedback, (base + (e.wantsOffer ? 2 : 0)) * decayOf(e, options));
        if (points > best.points)
          best = {
            points,
            reason: `Feedback: Interesse ${interest} von 5${e.wantsOffer ? ', möchte ein Angebot' : ''}`,
          };
      }
      return best;
    }
    case 'antworten': {
      const replies = of('reply');
      if (replies.length === 0) return { points: 0, reason: '' };
      return {
        points: decayed(replies, 2.5),
        reason: times(replies.length, '1 Anfrage oder Antwort', 'Anfragen und Antworten'),
      };
    }
    case 'email': {
      const opens = of('email_open');
      const clicks = of('email_click');
      if (opens.length + clicks.length === 0) return { points: 0, reason: '' };
      const points = Math.min(
        FACTOR_MAX.email,
        opens.reduce((s, e) => s + 0.5 * decayOf(e, options), 0) +
          clicks.reduce((s, e) => s + 1.5 * decayOf(e, options), 0),
      );
      const reason =
        clicks.length > 0
          ? `${times(clicks.length, '1 Klick', 'Klicks')} in E-Mails`
          : `${times(opens.length, '1 E-Mail', 'E-Mails')} geöffnet`;
      return { points, reason };
    }
    default:
      return { points: 0, reason: '' };
  }
}

const isQualification = (id: FactorId) => (QUALIFICATION_FACTORS as readonly FactorId[]).includes(id);

function share(factors: FactorPoints[], ids: readonly FactorId[]): number {
  const chosen = factors.filter((f) => ids.includes(f.id));
  const possible = chosen.reduce((s, f) => s + f.weight * f.max, 0);
  if (possible <= 0) return 0;
  return Math.round((100 * chosen.reduce((s, f) => s + f.weight * f.points, 0)) / possible);
}

/**
 * The 0–100 score: each factor's points times the office's weight, over what the weighted
 * factors could give at most. Interest fades with its age (half-life); qualification does not.
 */
export function scoreLead(facts: LeadFacts, options: ScoreOptions): LeadScore {
  const factors: FactorPoints[] = FACTOR_IDS.map((id) => {
    const { points, reason } = isQualification(id)
      ? qualificationPoints(id, facts)
      : engagementPoints(id, facts, options);
    const rounded = round1(points);
    return {
      id,
      points: rounded,
      max: FACTOR_MAX[id],
      weight: options.weights[id],
      reason: rounded > 0 ? reason : '',
    };
  });
  const total = share(factors, FACTOR_IDS);
  const top = factors
    .filter((f) => f.points > 0 && f.weight > 0)
    .sort((a, b) => b.weight * b.points - a.weight * a.points)
    .slice(0, 3)
    .map((f) => f.reason);
  return {
    total,
    qualification: share(factors, QUALIFICATION_FACTORS),
    engagement: share(factors, ENGAGEMENT_FACTORS),
    factors,
    summary: top.length > 0 ? `${total}: ${top.join(', ')}` : `${total}: noch keine Hinweise auf Interesse`,
  };
}
