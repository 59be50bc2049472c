import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUser, tenant } from '../../platform/auth/auth.schema.js';
import { tenantIsolationPolicy } from '../../platform/db/tenant-table.js';
import { contact, viewing } from '../crm/schema.js';

const tenantId = () =>
  text()
    .notNull()
    .references(() => tenant.id, { onDelete: 'cascade' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** How an office runs its viewings: default length, when visitors are reminded and asked. */
export const viewingSettings = pgTable(
  'viewings_settings',
  {
    tenantId: tenantId().primaryKey(),
    durationMinutes: integer().notNull().default(45),
    /** Hours before the start at which each visitor is reminded, e.g. [24, 2]. */
    reminderHours: jsonb().$type<number[]>().notNull().default([24, 2]),
    /** Hours after the end at which the feedback form goes out; 0 switches it off. */
    feedbackHours: integer().notNull().default(2),
    smsReminders: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  () => [tenantIsolationPolicy()],
);

/** What this module adds to a CRM viewing: meeting point, group capacity, self-booking. */
export const viewingDetails = pgTable(
  'viewings_details',
  {
    viewingId: uuid()
      .primaryKey()
      .references(() => viewing.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    meetingPoint: text().notNull().default(''),
    /** Visitors per slot: 1 for a private viewing, more for a group viewing ("Massentermin"). */
    capacity: integer().notNull().default(1),
    bookable: boolean().notNull().default(false),
  },
  () => [tenantIsolationPolicy()],
);

export const PARTICIPANT_RESPONSES = ['offen', 'bestaetigt', 'abgesagt'] as const;
export type ParticipantResponse = (typeof PARTICIPANT_RESPONSES)[number];

/**
 * A visitor of one viewing. No foreign key to the viewing: when a viewing is deleted the visitor
 * still gets the cancellation (which needs the token and sequence) and the statistics keep it.
 */
export const viewingParticipant = pgTable(
  'viewings_participant',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    viewingId: uuid().notNull(),
    contactId: uuid()
      .notNull()
      .references(() => contact.id, { onDelete: 'cascade' }),
    /** The visitor's capability for confirm, cancel, check-in and feedback pages (base64url, 32 bytes). */
    token: text().notNull().unique(),
    response: text().$type<ParticipantResponse>().notNull().default('offen'),
    respondedAt: timestamp({ withTimezone: true }),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInBy: text().$type<'visitor' | 'agent'>(),
    noShow: boolean().notNull().default(false),
    /** When the next reminder falls due (indexed: the minute tick reads only what is due). */
    nextReminderAt: timestamp({ withTimezone: true }),
    /** When the feedback request falls due; cleared once it is sent. */
    feedbackAt: timestamp({ withTimezone: true }),
    /** iCalendar SEQUENCE of the last invitation this visitor got; every update raises it. */
    sequence: integer().notNull().default(0),
    /** Set when the viewing was deleted or the visitor removed from it: kept for the record. */
    removedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('viewings_participant_once').on(t.viewingId, t.contactId),
    index('viewings_participant_contact').on(t.contactId),
    index('viewings_participant_reminder').on(t.nextReminderAt),
    index('viewings_participant_feedback').on(t.feedbackAt),
    tenantIsolationPolicy(),
  ],
);

export const MESSAGE_KINDS = ['einladung', 'aktualisierung', 'absage', 'erinnerung', 'feedback'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Every message sent to a visitor about a viewing. `dedupeKey` makes a reminder or feedback
 * request go out once however many servers run the tick.
 */
export const viewingMessage = pgTable(
  'viewings_message',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    viewingId: uuid().notNull(),
    participantId: uuid()
      .notNull()
      .references(() => viewingParticipant.id, { onDelete: 'cascade' }),
    kind: text().$type<MessageKind>().notNull(),
    channel: text().$type<'email' | 'sms'>().notNull(),
    /** `offline`: kept in the outbox, nothing sent; `skipped`: the visitor has no address for the channel. */
    status: text().$type<'queued' | 'offline' | 'sent' | 'failed' | 'skipped'>().notNull(),
    detail: text().notNull().default(''),
    mailId: uuid(),
    /** The SMS gateway's message id, matched by its delivery reports. */
    providerMessageId: text(),
    /** The iCalendar text sent with it (METHOD:REQUEST or CANCEL), for the outbox and re-download. */
    ics: text(),
    dedupeKey: text().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    index('viewings_message_viewing').on(t.viewingId, t.createdAt),
    index('viewings_message_provider').on(t.providerMessageId),
    tenantIsolationPolicy(),
  ],
);

export const PRICE_OPINIONS = ['zu_hoch', 'angemessen', 'guenstig'] as const;

/** The visitor's answers after the viewing. */
export const viewingFeedback = pgTable(
  'viewings_feedback',
  {
    participantId: uuid()
      .primaryKey()
      .references(() => viewingParticipant.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    viewingId: uuid().notNull(),
    interest: smallint().notNull(),
    priceOpinion: text().$type<(typeof PRICE_OPINIONS)[number]>(),
    missing: text().notNull().default(''),
    wantsOffer: boolean().notNull().default(false),
    wantsSecondViewing: boolean().notNull().default(false),
    submittedAt: createdAt(),
  },
  (t) => [index('viewings_feedback_viewing').on(t.viewingId), tenantIsolationPolicy()],
);

/**
 * An agent's private calendar subscription (ICS feed). Only the SHA-256 of the secret is kept: the
 * address is shown once, and a new one revokes the old.
 */
export const viewingFeed = pgTable(
  'viewings_feed',
  {
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    lastFetchedAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique('viewings_feed_one_per_user').on(t.tenantId, t.userId), tenantIsolationPolicy()],
);

export const CALENDAR_PROVIDERS = ['caldav', 'google'] as const;
export type CalendarProvider = (typeof CALENDAR_PROVIDERS)[number];

/**
 * An agent's own calendar, synchronised both ways: viewings go in, moves and deletions made there
 * come back, and the agent's other appointments block viewing slots. The secret (CalDAV app
 * password or Google refresh token) is sealed with the platform's secret box.
 */
export const calendarConnection = pgTable(
  'viewings_calendar_connection',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantId(),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    provider: text().$type<CalendarProvider>().notNull(),
    /** CalDAV: the server's address as the agent entered it; Google: the API base. */
    serverUrl: text().notNull(),
    /** CalDAV: the calendar collection's URL; Google: the calendar id ("primary"). */
    calendarUrl: text().notNull(),
    calendarName: text().notNull().default(''),
    username: text().notNull().default(''),
    secretSealed: text().notNull(),
    /** RFC 6578 sync-token, or Google's nextSyncToken: where the next pull continues. */
    syncToken: text(),
    lastSyncAt: timestamp({ withTimezone: true }),
    /** Last error in words for the settings page; cleared by a successful sync. */
    lastError: text(),
    /** Another worker holds the connection until then (push and pull never overlap). */
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique('viewings_calendar_one_per_user').on(t.tenantId, t.userId), tenantIsolationPolicy()],
);

/** Which remote event a viewing is, with the ETag of the version both sides last agreed on. */
export const calendarEvent = pgTable(
  'viewings_calendar_event',
  {
    connectionId: uuid()
      .notNull()
      .references(() => calendarConnection.id, { onDelete: 'cascade' }),
    viewingId: uuid().notNull(),
    tenantId: tenantId(),
    /** CalDAV: the object's URL; Google: the event id. */
    remoteId: text().notNull(),
    etag: text(),
    /** Hash of what was last written, so an unchanged viewing is not written again. */
    contentHash: text().notNull(),
    syncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('viewings_calendar_event_once').on(t.connectionId, t.viewingId),
    index('viewings_calendar_event_remote').on(t.connectionId, t.remoteId),
    tenantIsolationPolicy(),
  ],
);

/** The agent's other appointments (time only, no titles kept): they block viewing slots. */
export const calendarBusy = pgTable(
  'viewings_calendar_busy',
  {
    connectionId: uuid()
      .notNull()
      .references(() => calendarConnection.id, { onDelete: 'cascade' }),
    remoteId: text().notNull(),
    tenantId: tenantId(),
    userId: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('viewings_calendar_busy_once').on(t.connectionId, t.remoteId, t.startsAt),
    index('viewings_calendar_busy_user').on(t.userId, t.startsAt),
    tenantIsolationPolicy(),
  ],
);
