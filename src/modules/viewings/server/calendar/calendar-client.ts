import type { RemoteEvent } from '../../domain/remote-event.js';

/** One viewing as it goes into the agent's calendar. */
export interface CalendarEntry {
  viewingId: string;
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  url: string;
  /** The same content as an iCalendar object (what CalDAV stores). */
  ics: string;
}

/** Where a viewing lives remotely and the version both sides last agreed on. */
export interface RemoteRef {
  remoteId: string;
  etag: string | null;
}

/** One object that changed remotely since the last pull. */
export interface RemoteChange {
  remoteId: string;
  etag: string | null;
  /** Removed from the calendar (or cancelled, for Google). */
  deleted: boolean;
  events: RemoteEvent[];
}

export interface RemoteChanges {
  changes: RemoteChange[];
  syncToken: string | null;
  /** The listing is complete (first sync or a reset): whatever it lacks is gone remotely. */
  complete: boolean;
}

/** The remote version moved on since `etag`: read it before writing (RFC 7232 §4.2, 412). */
export class RemoteConflictError extends Error {
  override name = 'RemoteConflictError';
}

/** The calendar refused or failed; `message` is German and shown on the settings page. */
export class CalendarSyncError extends Error {
  override name = 'CalendarSyncError';
  constructor(
    message: string,
    readonly status: number | null = null,
    /** A later try may work (5xx, 429, timeout); otherwise the connection needs the agent. */
    readonly transient = false,
  ) {
    super(message);
  }
}

/** What the sync engine needs of a CalDAV server or of Google Calendar. */
export interface CalendarClient {
  /** Creates (ref null) or replaces the event; idempotent for a retried create. */
  put(entry: CalendarEntry, ref: RemoteRef | null): Promise<RemoteRef>;
  remove(ref: RemoteRef): Promise<void>;
  /** The event's current version, or null when it is gone (after a 412). */
  current(remoteId: string): Promise<RemoteRef | null>;
  /** Changes since `syncToken`; null or an expired token gives a complete listing. */
  changes(syncToken: string | null, window: { from: Date; to: Date }): Promise<RemoteChanges>;
}

/** Milliseconds a single call to a calendar server may take. */
export const CALENDAR_TIMEOUT_MS = 20_000;
