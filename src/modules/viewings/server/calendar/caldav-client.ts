import {
  calendarMultiGet,
  calendarQuery,
  createAccount,
  createCalendarObject,
  type DAVResponse,
  deleteCalendarObject,
  fetchCalendars,
  getBasicAuthHeaders,
  syncCollection,
  updateCalendarObject,
} from 'tsdav';
import { readRemoteEvents } from '../../domain/remote-event.js';
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

export interface CaldavCredentials {
  username: string;
  password: string;
}

export interface CaldavCalendar {
  url: string;
  name: string;
}

const fetchOptions = () => ({ signal: AbortSignal.timeout(CALENDAR_TIMEOUT_MS) });

function failure(status: number, action: string): CalendarSyncError {
  if (status === 401 || status === 403)
    return new CalendarSyncError(
      `Der Kalenderserver lehnt die Anmeldung ab (${status}). Benutzername und App-Passwort prüfen.`,
      status,
    );
  if (status === 404)
    return new CalendarSyncError(`Der Kalender wurde nicht gefunden (${action}, 404).`, status);
  return new CalendarSyncError(
    `Der Kalenderserver antwortete mit ${status} (${action}).`,
    status,
    status >= 500 || status === 429,
  );
}

function unreachable(error: unknown): CalendarSyncError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CalendarSyncError(`Der Kalenderserver ist nicht erreichbar: ${reason}`, null, true);
}

const calendarData = (r: DAVResponse): string | null => {
  const data = r.props?.calendarData as unknown;
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object' && '_cdata' in data)
    return String((data as { _cdata: unknown })._cdata);
  return null;
};

const etagOf = (r: DAVResponse): string | null => {
  const tag = r.props?.getetag as unknown;
  return tag == null ? null : String(tag);
};

/** Finds the agent's calendars that hold events (RFC 6764 discovery, then the calendar home). */
export async function discoverCaldavCalendars(
  serverUrl: string,
  credentials: CaldavCredentials,
): Promise<CaldavCalendar[]> {
  const headers = getBasicAuthHeaders(credentials);
  try {
    const account = await createAccount({
      account: { serverUrl, accountType: 'caldav', credentials },
      headers,
      fetchOptions: fetchOptions(),
    });
    const calendars = await fetchCalendars({ account, headers, fetchOptions: fetchOptions() });
    return calendars
      .filter((c) => !c.components || c.components.includes('VEVENT'))
      .map((c) => ({
        url: c.url,
        name: typeof c.displayName === 'string' && c.displayName ? c.displayName : c.url,
      }));
  } catch (error) {
    if (error instanceof CalendarSyncError) throw error;
    // tsdav throws plain errors for a failed discovery; a 401 shows in its message.
    const reason = error instanceof Error ? error.message : String(error);
    if (/401|unauthori[sz]ed/i.test(reason)) throw failure(401, 'Anmeldung');
    throw new CalendarSyncError(
      `Unter dieser Adresse wurde kein CalDAV-Kalender gefunden (${reason}).`,
      null,
      false,
    );
  }
}

/** A calendar collection on a CalDAV server (RFC 4791), synchronised with RFC 6578 sync tokens. */
export class CaldavClient implements CalendarClient {
  readonly #headers: Record<string, string>;

  constructor(
    private readonly calendarUrl: string,
    credentials: CaldavCredentials,
  ) {
    this.#headers = getBasicAuthHeaders(credentials);
  }

  /** `besichtigung-<id>.ics` in the collection: a retried create finds its own object (412). */
  async put(entry: CalendarEntry, ref: RemoteRef | null): Promise<RemoteRef> {
    const calendar = { url: this.calendarUrl };
    let response: Response;
    try {
      response = ref
        ? await updateCalendarObject({
            calendarObject: { url: ref.remoteId, etag: ref.etag ?? undefined, data: entry.ics },
            headers: this.#headers,
            fetchOptions: fetchOptions(),
          })
        : await createCalendarObject({
            calendar,
            filename: `besichtigung-${entry.viewingId}.ics`,
            iCalString: entry.ics,
            headers: this.#headers,
            fetchOptions: fetchOptions(),
          });
    } catch (error) {
      throw unreachable(error);
    }
    const url = ref?.remoteId ?? new URL(`besichtigung-${entry.viewingId}.ics`, this.#collection()).href;
    if (response.status === 412) {
      if (ref) throw new RemoteConflictError(url);
      // If-None-Match: * failed: an earlier try created it and its answer was lost. Take it over.
      const current = await this.current(url);
      if (!current) throw failure(412, 'Anlegen');
      return this.put(entry, current);
    }
    if (!response.ok) throw failure(response.status, ref ? 'Ändern' : 'Anlegen');
    // RFC 4791 §5.3.4: no ETag when the server altered the data; the next pull reads it.
    return { remoteId: url, etag: response.headers.get('etag') };
  }

  async remove(ref: RemoteRef): Promise<void> {
    let response: Response;
    try {
      response = await deleteCalendarObject({
        calendarObject: { url: ref.remoteId, etag: ref.etag ?? undefined },
        headers: this.#headers,
        fetchOptions: fetchOptions(),
      });
    } catch (error) {
      throw unreachable(error);
    }
    if (response.status === 412) throw new RemoteConflictError(ref.remoteId);
    // Already gone is what we wanted.
    if (!response.ok && response.status !== 404 && response.status !== 410)
      throw failure(response.status, 'Löschen');
  }

  async changes(syncToken: string | null, window: { from: Date; to: Date }): Promise<RemoteChanges> {
    let listing: DAVResponse[];
    const complete = !syncToken;
    try {
      listing = await syncCollection({
        url: this.#collection(),
        props: { 'd:getetag': {} },
        syncLevel: 1,
        syncToken: syncToken ?? '',
        headers: this.#headers,
        fetchOptions: fetchOptions(),
      });
    } catch (error) {
      throw unreachable(error);
    }
    const rootError = listing.find((r) => r.status >= 400 && !r.href?.endsWith('.ics'));
    if (rootError && syncToken) {
      // An expired token (RFC 6578 §3.2, valid-sync-token): start over with a complete listing.
      return this.changes(null, window);
    }
    if (rootError) return this.#fullListing(window);
    const nextToken = (listing[0]?.raw?.multistatus?.syncToken as string | undefined) ?? null;
    const objects = listing.filter((r) => r.href?.endsWith('.ics'));
    const gone = objects.filter((r) => r.status === 404);
    const present = objects.filter((r) => r.status !== 404);
    const changes: RemoteChange[] = gone.map((r) => ({
      remoteId: this.#absolute(r.href as string),
      etag: null,
      deleted: true,
      events: [],
    }));
    for (let i = 0; i < present.length; i += 100) {
      const hrefs = present.slice(i, i + 100).map((r) => r.href as string);
      changes.push(...(await this.#multiGet(hrefs, window)));
    }
    return { changes, syncToken: nextToken, complete };
  }

  /** Servers without sync-collection: every object in the window, compared by the caller. */
  async #fullListing(window: { from: Date; to: Date }): Promise<RemoteChanges> {
    let responses: DAVResponse[];
    try {
      responses = await calendarQuery({
        url: this.#collection(),
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: {
          'comp-filter': {
            _attributes: { name: 'VCALENDAR' },
            'comp-filter': {
              _attributes: { name: 'VEVENT' },
              'time-range': { _attributes: { start: caldavTime(window.from), end: caldavTime(window.to) } },
            },
          },
        },
        depth: '1',
        headers: this.#headers,
        fetchOptions: fetchOptions(),
      });
    } catch (error) {
      throw unreachable(error);
    }
    const failed = responses.find((r) => r.status >= 400);
    if (failed) throw failure(failed.status, 'Abgleich');
    return { changes: responses.map((r) => this.#change(r, window)), syncToken: null, complete: true };
  }

  async #multiGet(hrefs: string[], window: { from: Date; to: Date }): Promise<RemoteChange[]> {
    let responses: DAVResponse[];
    try {
      responses = await calendarMultiGet({
        url: this.#collection(),
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        objectUrls: hrefs,
        depth: '1',
        headers: this.#headers,
        fetchOptions: fetchOptions(),
      });
    } catch (error) {
      throw unreachable(error);
    }
    return responses.map((r) =>
      r.status === 404
        ? { remoteId: this.#absolute(r.href as string), etag: null, deleted: true, events: [] }
        : this.#change(r, window),
    );
  }

  #change(r: DAVResponse, window: { from: Date; to: Date }): RemoteChange {
    const data = calendarData(r);
    let events: RemoteChange['events'] = [];
    try {
      events = data ? readRemoteEvents(data, window) : [];
    } catch {
      // An object the parser cannot read blocks nothing rather than stopping the whole sync.
      events = [];
    }
    return { remoteId: this.#absolute(r.href as string), etag: etagOf(r), deleted: false, events };
  }

  async current(remoteId: string): Promise<RemoteRef | null> {
    const [change] = await this.#multiGet([new URL(remoteId).pathname], {
      from: new Date(0),
      to: new Date(0),
    });
    return change && !change.deleted ? { remoteId, etag: change.etag } : null;
  }

  #collection(): string {
    return this.calendarUrl.endsWith('/') ? this.calendarUrl : `${this.calendarUrl}/`;
  }

  #absolute(href: string): string {
    return new URL(href, this.#collection()).href;
  }
}

/** RFC 4791 §9.9 time-range values: UTC in basic format. */
const caldavTime = (d: Date) => `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
