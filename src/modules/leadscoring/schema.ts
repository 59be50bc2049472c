import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, property } from '../crm/schema.js';
import type { CloseModel } from './domain/close-model.js';
import type { FactorWeights } from './domain/factors.js';
import type { EventKind } from './domain/lead-facts.js';
import type { FactorPoints } from './domain/score.js';
import type { BuiltinSegment, SegmentRule } from './domain/segments.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const cents = () => bigint({ mode: 'number' });

/** How an office scores: factor weights, how fast interest fades, how long tracking is kept. */
export const leadScoringSettings = pgTable(
  'leadscoring_settings',
  {
    tenantId: tenantId().primaryKey(),
    weights: jsonb().$type<Partial<FactorWeights>>().notNull().default({}),
    halfLifeDays: integer().notNull().default(14),
    /** Tracked events older than this are deleted by the daily clean-up. */
    retentionDays: integer().notNull().default(180),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/** What the office knows of a lead's means: the qualification part of the score. */
export const leadQualification = pgTable(
  'leadscoring_qualification',
  {
    contactId: uuid()
      .primaryKey()
      .references(() => contact.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    financingConfirmedAt: timestamp({ withTimezone: true }),
    financingNote: text().notNull().default(''),
    equityCents: cents(),
    netIncomeMonthlyCents: cents(),
    expensesMonthlyCents: cents(),
    updatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/**
 * A browser that accepted analytics on the office's public pages (§ 25 Abs. 1 TDDDG). No row
 * exists for a visitor who declined or was not asked yet; the id lives in a first-party cookie.
 */
export const trackingVisitor = pgTable(
  'leadscoring_visitor',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    /** Known only through the contact's own link or a form the visitor sent. */
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    consentAt: timestamp({ withTimezone: true }).notNull(),
    consentVersion: text().notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('leadscoring_visitor_contact').on(t.contactId), tenantIsolationPolicy()],
);

/** One sign of interest: tracked on a public page, or recorded from viewings, mail and inbox. */
export const leadEvent = pgTable(
  'leadscoring_event',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    contactId: uuid().references(() => contact.id, { onDelete: 'cascade' }),
    visitorId: uuid().references(() => trackingVisitor.id, { onDelete: 'cascade' }),
    kind: text().$type<EventKind>().notNull(),
    propertyId: uuid().references(() => property.id, { onDelete: 'set null' }),
    session: text(),
    value: integer(),
    wantsOffer: boolean().notNull().default(false),
    machine: boolean().notNull().default(false),
    /** Where it came from: `tracking`, `viewings`, `mail`, `inbox`, `crm`. */
    source: text().notNull(),
    /** The recording module's id for the thing, so a repeated delivery records nothing twice. */
    sourceRef: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('leadscoring_event_contact').on(t.tenantId, t.contactId, t.occurredAt),
    index('leadscoring_event_visitor').on(t.visitorId),
    index('leadscoring_event_occurred').on(t.tenantId, t.occurredAt),
    uniqueIndex('leadscoring_event_source_ref')
      .on(t.tenantId, t.kind, t.sourceRef)
      .where(sql`${t.sourceRef} is not null`),
    tenantIsolationPolicy(),
  ],
);

/**
 * A mail to a contact who consented to measurement: its links go through `/t/k/<token>/<n>`
 * and its HTML part carries the pixel `/t/o/<token>.gif`. The original links may hold secrets
 * (a personal exposé link), so they are stored encrypted.
 */
export const trackedMail = pgTable(
  'leadscoring_mail',
  {
    /** The outbox mail's id. */
    id: uuid().primaryKey(),
    tenantId: tenantId(),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    token: text().notNull(),
    linksSealed: text().notNull(),
    purpose: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leadscoring_mail_token').on(t.token),
    index('leadscoring_mail_contact').on(t.contactId),
    tenantIsolationPolicy(),
  ],
);

/** The current score of each contact; `total` is what lists sort by (the override when set). */
export const leadScore = pgTable(
  'leadscoring_score',
  {
    contactId: uuid()
      .primaryKey()
      .references(() => contact.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    total: smallint().notNull(),
    computedTotal: smallint().notNull(),
    qualification: smallint().notNull(),
    engagement: smallint().notNull(),
    factors: jsonb().$type<FactorPoints[]>().notNull(),
    summary: text().notNull(),
    closeProbability: doublePrecision().notNull(),
    closeLow: doublePrecision().notNull(),
    closeHigh: doublePrecision().notNull(),
    closeKind: text().$type<'modell' | 'prior'>().notNull(),
    /** The latest signal a person gave (machine opens left out): "active today" on the dashboard. */
    lastSignalAt: timestamp({ withTimezone: true }),
    overrideTotal: smallint(),
    overrideReason: text(),
    overrideBy: text(),
    overrideAt: timestamp({ withTimezone: true }),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('leadscoring_score_total').on(t.tenantId, t.total.desc(), t.contactId),
    index('leadscoring_score_signal').on(t.tenantId, t.lastSignalAt.desc()),
    tenantIsolationPolicy(),
  ],
);

/** The score as it stood at the end of each day it changed: the score card's history. */
export const leadScoreDay = pgTable(
  'leadscoring_score_day',
  {
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    tenantId: tenantId(),
    total: smallint().notNull(),
    qualification: smallint().notNull(),
    engagement: smallint().notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.day] }), tenantIsolationPolicy()],
);

/** A segment: one of the eight built-ins (`builtin` set) or one the office saved. */
export const segment = pgTable(
  'leadscoring_segment',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    name: text().notNull(),
    builtin: text().$type<BuiltinSegment>(),
    rule: jsonb().$type<SegmentRule>().notNull(),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leadscoring_segment_builtin').on(t.tenantId, t.builtin).where(sql`${t.builtin} is not null`),
    tenantIsolationPolicy(),
  ],
);

/** Who is in a segment now, since when; recomputed whenever the contact is scored. */
export const segmentMember = pgTable(
  'leadscoring_segment_member',
  {
    segmentId: uuid()
      .notNull()
      .references(() => segment.id, { onDelete: 'cascade' }),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    since: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.segmentId, t.contactId] }),
    index('leadscoring_segment_member_contact').on(t.contactId),
    tenantIsolationPolicy(),
  ],
);

/** The office's close-probability model as last trained (or the prior, with why). */
export const closeModel = pgTable(
  'leadscoring_model',
  {
    tenantId: tenantId().primaryKey(),
    model: jsonb().$type<CloseModel>().notNull(),
    trainedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);
