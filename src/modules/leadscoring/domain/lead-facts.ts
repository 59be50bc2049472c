/** What is known of one lead when its score is computed; gathered by the server, scored here. */

/** Kinds of tracked and recorded interest; stored as such in `leadscoring_event.kind`. */
export const EVENT_KINDS = [
  'page_view',
  'time_on_page',
  'expose_view',
  'expose_download',
  'gallery',
  'tour_3d',
  'floor_plan',
  'viewing_booked',
  'viewing_attended',
  'feedback',
  'reply',
  'email_open',
  'email_click',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What the tracking script on a public page may report (the rest is recorded by the server). */
export const TRACKABLE_KINDS = [
  'page_view',
  'time_on_page',
  'expose_view',
  'expose_download',
  'gallery',
  'tour_3d',
  'floor_plan',
] as const satisfies readonly EventKind[];
export type TrackableKind = (typeof TRACKABLE_KINDS)[number];

export interface LeadEventFact {
  kind: EventKind;
  at: Date;
  /** Page views of one visit share it; a visit is one session. */
  session?: string | null;
  /** Seconds on page, or the interest 1–5 of a feedback. */
  value?: number | null;
  wantsOffer?: boolean;
  /** A mail client's or link scanner's fetch, not a person: kept for the record, never scored. */
  machine?: boolean;
}

export interface LeadFacts {
  hasName: boolean;
  hasEmail: boolean;
  hasPhone: boolean;
  hasAddress: boolean;
  financingConfirmed: boolean;
  equityCents: number | null;
  netIncomeMonthlyCents: number | null;
  /** The highest price the stated income and equity can finance (finance module's affordability). */
  buyingPowerCents: number | null;
  /** The highest price among the contact's active purchase search profiles. */
  searchMaxPriceCents: number | null;
  /** Active listings the contact's search profiles match. */
  matchingListings: number;
  events: LeadEventFact[];
}

export const emptyFacts = (): LeadFacts => ({
  hasName: false,
  hasEmail: false,
  hasPhone: false,
  hasAddress: false,
  financingConfirmed: false,
  equityCents: null,
  netIncomeMonthlyCents: null,
  buyingPowerCents: null,
  searchMaxPriceCents: null,
  matchingListings: 0,
  events: [],
});
