import { createRandom, type Random } from '../../crm/demo/random.js';
import { emptyFacts, type LeadEventFact, type LeadFacts } from '../domain/lead-facts.js';
import { sigmoid } from '../domain/logistic.js';

/**
 * A broker office's history with a known truth, for judging the close-probability model: each
 * lead has a hidden propensity to buy; what the office can observe (financing, viewings,
 * visits …) depends on it with noise, some observations not at all (matching listings, e-mail
 * opens), and the outcome is drawn from it. A model that learns which signals matter should
 * beat the hand-weighted rule score; neither can beat the hidden truth.
 */
export interface SyntheticLead {
  propensity: number;
  facts: LeadFacts;
  now: Date;
  outcome: 0 | 1;
  /** The probability the outcome was drawn with: the best any model could say. */
  trueProbability: number;
}

const DAY_MS = 86_400_000;

function normal(random: Random): number {
  const u = Math.max(1e-12, random.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

function eventsOf(
  random: Random,
  now: Date,
  count: number,
  kind: LeadEventFact['kind'],
  extra: Partial<LeadEventFact> = {},
): LeadEventFact[] {
  return Array.from({ length: count }, () => ({
    kind,
    at: new Date(now.getTime() - random.next() * 45 * DAY_MS),
    session: kind === 'page_view' ? `s${random.int(0, 1e9)}` : null,
    ...extra,
  }));
}

export function syntheticLead(random: Random, now: Date): SyntheticLead {
  const z = normal(random);
  const facts = emptyFacts();
  facts.hasName = true;
  facts.hasEmail = random.chance(0.9);
  facts.hasPhone = random.chance(sigmoid(0.3 + 0.6 * z));
  facts.hasAddress = random.chance(0.5);
  facts.financingConfirmed = random.chance(sigmoid(-1.2 + 1.6 * z));
  const stated = random.chance(sigmoid(0.4 * z));
  facts.equityCents = stated ? random.int(20, 200) * 1_000_00 : null;
  facts.netIncomeMonthlyCents = stated ? random.int(25, 90) * 100_00 : null;
  facts.searchMaxPriceCents = random.int(30, 90) * 10_000_00;
  facts.buyingPowerCents = stated
    ? Math.round(facts.searchMaxPriceCents * Math.max(0.3, 0.95 + 0.15 * z + 0.2 * normal(random)))
    : null;
  // Uninformative by construction: how many listings fit says nothing about this lead's will.
  facts.matchingListings = random.int(0, 4);
  const attended = random.chance(sigmoid(-1 + 1.8 * z));
  const interest = Math.min(5, Math.max(1, Math.round(3 + 1.2 * z + 0.8 * normal(random))));
  facts.events = [
    ...eventsOf(random, now, poisson(random, Math.exp(0.4 + 0.5 * z)), 'page_view'),
    ...eventsOf(random, now, poisson(random, Math.exp(-0.6 + 0.6 * z)), 'expose_view'),
    ...eventsOf(random, now, poisson(random, Math.exp(0.2 * z)), 'gallery'),
    ...eventsOf(random, now, attended ? 1 : 0, 'viewing_attended'),
    ...eventsOf(random, now, attended ? 1 : 0, 'feedback', { value: interest, wantsOffer: interest >= 4 }),
    ...eventsOf(random, now, poisson(random, Math.exp(-1 + 0.4 * z)), 'reply'),
    // Opens are mostly noise (privacy proxies); a few are machine fetches and must not count.
    ...eventsOf(random, now, poisson(random, 2), 'email_open'),
    ...eventsOf(random, now, poisson(random, 1), 'email_open', { machine: true }),
    ...eventsOf(random, now, poisson(random, Math.exp(-1.2 + 0.3 * z)), 'email_click'),
  ];
  const trueProbability = sigmoid(-1.6 + 1.5 * z);
  return { propensity: z, facts, now, outcome: random.chance(trueProbability) ? 1 : 0, trueProbability };
}

export function syntheticOffice(
  count: number,
  seed = 7,
  now = new Date('2026-11-01T10:00:00Z'),
): SyntheticLead[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => syntheticLead(random, now));
}
