import { DateTime } from 'luxon';
import { type RemoteEvent, readRemoteEvents } from '../../domain/remote-event.js';
import { VIEWING_TIME_ZONE } from '../../domain/viewing-ics.js';
import {
  CALENDAR_TIMEOUT_MS,
  type CalendarClient,
  type CalendarEntry,
  CalendarSyncError,
  type RemoteChange,
  type RemoteChanges,
  RemoteConflictError,
  type RemoteRef,
} from './calendar-client.js';

/**
 * Google Calendar API v3 (https://developers.google.com/workspace/calendar/api/v3/reference/events),
 * the only version Google offers; no sunset is announced. Incremental sync follows
 * https://developers.google.com/workspace/calendar/api/guides/sync: a full list once (restricted
 * by timeMin), then `syncToken` alone; 410 Gone means start over. Updates send the event's ETag
 * in If-Match (guides/version-resources), so a change made on the phone is never overwritten
 * unseen.
 */
export interface GoogleOAuthApp {
  clientId: string;
  clientSecret: string;
  /** https://accounts.google.com */
  authUrl: string;
  /** https://oauth2.googleapis.com/token */
  tokenUrl: string;
  /** https://www.googleapis.com/calendar/v3 */
  apiUrl: string;
}

/** Read and write events only: not the agent's other calendars' settings or ACLs. */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

interface GoogleTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

interface GoogleEvent {
  id: string;
  etag?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  iCalUID?: string;
  start?: GoogleTime;
  end?: GoogleTime;
  transparency?: 'opaque' | 'transparent';
  recurrence?: string[];
  recurringEventId?: string;
  extendedProperties?: { private?: Record<string, string> };
}

interface GoogleList {
  items?: GoogleEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

interface GoogleError {
  error?: { code?: number; message?: string; errors?: { reason?: string }[] };
}

export function googleAuthorizeUrl(app: GoogleOAuthApp, redirectUri: string, state: string): string {
  const url = new URL(`${app.authUrl.replace(/\/$/, '')}/o/oauth2/v2/auth`);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: GOOGLE_CALENDAR_SCOPE,
    // offline + consent: Google sends a refresh token, also when the agent connects a second time.
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
    state,
  }).toString();
  return url.toString();
}

async function tokenRequest(
  app: GoogleOAuthApp,
  form: Record<string, string>,
  fetchImpl: typeof fetch,
): Promise<{ access_token: string; expires_in?: number; refresh_token?: string }> {
  let response: Response;
  try {
    response = await fetchImpl(app.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, ...form }),
      signal: AbortSignal.timeout(CALENDAR_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CalendarSyncError(`Google ist nicht erreichbar: ${String(error)}`, null, true);
  }
  const body = (await response.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    refresh_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!response.ok || !body.access_token) {
    // invalid_grant: the agent revoked access or the refresh token expired; only a new consent helps.
    const reason =
      body.error === 'invalid_grant' ? 'Zugriff widerrufen oder abgelaufen' : (body.error ?? response.status);
    throw new CalendarSyncError(
      `Google hat die Anmeldung abgelehnt (${reason}). Bitte den Kalender neu verbinden.`,
      response.status,
      response.status >= 500,
    );
  }
  return { access_token: body.access_token, expires_in: body.expires_in, refresh_token: body.refresh_token };
}

/** The authorization code from the consent screen, exchanged for a refresh token. */
export async function exchangeGoogleCode(
  app: GoogleOAuthApp,
  redirectUri: string,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const token = await tokenRequest(
    app,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    fetchImpl,
  );
  if (!token.refresh_token)
    throw new CalendarSyncError('Google hat keinen dauerhaften Zugriff erteilt. Bitte erneut verbinden.');
  return token.refresh_token;
}

/** Google's event ids allow base32hex (a–v, 0–9): a viewing's UUID without dashes is one. */
export const googleEventId = (viewingId: string) => viewingId.replace(/-/g, '');

const accessTokens = new Map<string, { token: string; until: number }>();
const MAX_TRIES = 4;

export class GoogleCalendarClient implements CalendarClient {
  constructor(
    private readonly app: GoogleOAuthApp,
    private readonly calendarId: string,
    private readonly refreshToken: string,
    /** The connection's id: the access token is cached per connection. */
    private readonly cacheKey: string,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async put(entry: CalendarEntry, ref: RemoteRef | null): Promise<RemoteRef> {
    const id = ref?.remoteId ?? googleEventId(entry.viewingId);
    const body = {
      summary: entry.summary,
      location: entry.location,
      description: entry.description,
      start: { dateTime: localTime(entry.startsAt), timeZone: VIEWING_TIME_ZONE },
      end: { dateTime: localTime(entry.endsAt), timeZone: VIEWING_TIME_ZONE },
      status: 'confirmed',
      source: { title: 'ImmoXX', url: entry.url },
      extendedProperties: { private: { immoxxViewingId: entry.viewingId } },
    };
    if (!ref) {
      const created = await this.#call('POST', '/events', { ...body, id, iCalUID: entry.uid });
      if (created.status !== 409) return this.#ref(created);
      // 409: the id exists (an earlier try's answer was lost, or it was deleted and is still
      // known as cancelled): take it over with its current ETag.
      const current = await this.current(id);
      if (!current)
        throw new CalendarSyncError('Google meldet den Termin als vorhanden, liefert ihn aber nicht.');
      return this.put(entry, current);
    }
    const updated = await this.#call('PUT', `/events/${encodeURIComponent(id)}`, body, ref.etag);
    return this.#ref(updated);
  }

  async remove(ref: RemoteRef): Promise<void> {
    await this.#call('DELETE', `/events/${encodeURIComponent(ref.remoteId)}`, undefined, ref.etag);
  }

  async current(remoteId: string): Promise<RemoteRef | null> {
    const response = await this.#call('GET', `/events/${encodeURIComponent(remoteId)}`);
    if (response.status === 404 || response.status === 410) return null;
    const event = (await response.json()) as GoogleEvent;
    // A cancelled event can still be read and is replaced by a PUT that confirms it again.
    return { remoteId: event.id, etag: event.etag ?? null };
  }

  async changes(syncToken: string | null, window: { from: Date; to: Date }): Promise<RemoteChanges> {
    const changes: RemoteChange[] = [];
    let pageToken: string | undefined;
    let nextSyncToken: string | null = null;
    do {
      const query = new URLSearchParams({ maxResults: '250', showDeleted: 'true' });
      if (syncToken) query.set('syncToken', syncToken);
      else query.set('timeMin', window.from.toISOString());
      if (pageToken) query.set('pageToken', pageToken);
      const response = await this.#call('GET', `/events?${query}`);
      if (response.status === 410) return this.changes(null, window);
      const page = (await response.json()) as GoogleList;
      for (const item of page.items ?? []) changes.push(toChange(item, window));
      pageToken = page.nextPageToken;
      nextSyncToken = page.nextSyncToken ?? null;
    } while (pageToken);
    return { changes, syncToken: nextSyncToken, complete: !syncToken };
  }

  async #ref(response: Response): Promise<RemoteRef> {
    const event = (await response.json()) as GoogleEvent;
    return { remoteId: event.id, etag: event.etag ?? null };
  }

  async #accessToken(force = false): Promise<string> {
    const cached = accessTokens.get(this.cacheKey);
    if (!force && cached && cached.until > Date.now()) return cached.token;
    const token = await tokenRequest(
      this.app,
      { grant_type: 'refresh_token', refresh_token: this.refreshToken },
      this.fetchImpl,
    );
    // A minute's margin so a token never expires between the check and the call.
    accessTokens.set(this.cacheKey, {
      token: token.access_token,
      until: Date.now() + Math.max(0, (token.expires_in ?? 3600) - 60) * 1000,
    });
    return token.access_token;
  }

  /**
   * One API call with Google's documented error handling: 401 → refresh the access token once;
   * 403 rateLimitExceeded/userRateLimitExceeded, 429 and 5xx → exponential backoff; 409 (on
   * insert), 410 (on list and delete) and 412 are answers the caller decides on.
   */
  async #call(method: string, path: string, body?: unknown, etag?: string | null): Promise<Response> {
    const url = `${this.app.apiUrl.replace(/\/$/, '')}/calendars/${encodeURIComponent(this.calendarId)}${path}`;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            authorization: `Bearer ${await this.#accessToken()}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...(etag ? { 'if-match': etag } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(CALENDAR_TIMEOUT_MS),
        });
      } catch (error) {
        if (attempt < MAX_TRIES) {
          await this.sleep(backoff(attempt));
          continue;
        }
        throw new CalendarSyncError(`Google ist nicht erreichbar: ${String(error)}`, null, true);
      }
      if (response.ok) return response;
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await this.#accessToken(true);
        continue;
      }
      const error = (await response
        .clone()
        .json()
        .catch(() => ({}))) as GoogleError;
      const reason = error.error?.errors?.[0]?.reason ?? '';
      const limited =
        response.status === 429 || (response.status === 403 && /rateLimitExceeded/i.test(reason));
      if ((limited || response.status >= 500) && attempt < MAX_TRIES) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt),
        );
        continue;
      }
      if (response.status === 412) throw new RemoteConflictError(path);
      if (response.status === 409 && method === 'POST') return response;
      if (response.status === 410 && (method === 'GET' || method === 'DELETE')) return response;
      // One event that is gone is an answer; a calendar that is gone (the list) is an error.
      if (response.status === 404 && path.startsWith('/events/')) return response;
      throw new CalendarSyncError(
        response.status === 401 || response.status === 403
          ? `Google verweigert den Zugriff auf den Kalender (${response.status}${reason ? `, ${reason}` : ''}). Bitte neu verbinden.`
          : `Google antwortete mit ${response.status}${error.error?.message ? `: ${error.error.message}` : ''}.`,
        response.status,
        limited || response.status >= 500,
      );
    }
  }
}

const backoff = (attempt: number) =>
  Math.min(30_000, 500 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 250);

/** RFC 3339 with the Berlin offset: Google reads wall-clock time and zone together. */
const localTime = (d: Date) =>
  DateTime.fromJSDate(d, { zone: VIEWING_TIME_ZONE }).toISO({ suppressMilliseconds: true }) ??
  d.toISOString();

/** A Google event as iCalendar text, so recurrences expand with the same code as CalDAV's. */
function asIcs(e: GoogleEvent): string | null {
  const line = (name: string, t: GoogleTime | undefined) => {
    if (t?.date) return `${name};VALUE=DATE:${t.date.replace(/-/g, '')}`;
    if (!t?.dateTime) return null;
    const instant = DateTime.fromISO(t.dateTime, { setZone: true });
    if (!instant.isValid) return null;
    // A recurrence repeats in the event's zone (09:00 stays 09:00 across the switch to summer time).
    const zone = t.timeZone ?? e.start?.timeZone;
    return zone && DateTime.local().setZone(zone).isValid
      ? `${name};TZID=${zone}:${instant.setZone(zone).toFormat("yyyyMMdd'T'HHmmss")}`
      : `${name}:${instant.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
  };
  const start = line('DTSTART', e.start);
  const end = line('DTEND', e.end);
  if (!start || !end) return null;
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ImmoXX//Google//DE',
    'BEGIN:VEVENT',
    `UID:${e.iCalUID ?? e.id}`,
    'DTSTAMP:20260101T000000Z',
    start,
    end,
    ...(e.recurrence ?? []).filter((r) => /^(RRULE|EXDATE|RDATE)[:;]/.test(r)),
    e.transparency === 'transparent' ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}

function toChange(e: GoogleEvent, window: { from: Date; to: Date }): RemoteChange {
  const ownId = e.extendedProperties?.private?.immoxxViewingId;
  const deleted = e.status === 'cancelled';
  let events: RemoteEvent[] = [];
  const ics = deleted ? null : asIcs(e);
  if (ics) {
    try {
      events = readRemoteEvents(ics, window);
    } catch {
      events = [];
    }
  }
  // Our own events are recognised by the private property we set, whatever their iCalUID became.
  if (ownId) events = events.map((x) => ({ ...x, uid: `besichtigung-${ownId}@immoxx` }));
  if (deleted && ownId)
    events = [
      {
        uid: `besichtigung-${ownId}@immoxx`,
        start: new Date(0),
        end: new Date(0),
        blocks: false,
        cancelled: true,
        occurrences: [],
      },
    ];
  return { remoteId: e.id, etag: e.etag ?? null, deleted, events };
}
