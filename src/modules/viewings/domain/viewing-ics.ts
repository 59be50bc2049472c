import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export const VIEWING_TIME_ZONE = 'Europe/Berlin';

/** The VTIMEZONE block of a zone from the IANA data the library ships (DST rules as RRULEs). */
export function vtimezone(zone: string): string | null {
  const [block] = tzlib_get_ical_block(zone);
  return block ? block : null;
}

/**
 * Luxon carries the zone, so ical-generator writes Berlin wall-clock time next to TZID (a plain
 * Date would be written in UTC digits under the Berlin TZID, two hours off in summer).
 */
const local = (d: Date) => DateTime.fromJSDate(d, { zone: VIEWING_TIME_ZONE });

export interface IcsViewing {
  /** Stable across updates so calendars replace the event instead of adding a second one. */
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  url: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string | null; response: 'offen' | 'bestaetigt' | 'abgesagt' } | null;
  /** When the invitation is updated in place (RFC 5546 §3.2.2) vs withdrawn (§3.2.5). */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

const attendeeStatus = {
  offen: ICalAttendeeStatus.NEEDSACTION,
  bestaetigt: ICalAttendeeStatus.ACCEPTED,
  abgesagt: ICalAttendeeStatus.DECLINED,
} as const;

/**
 * One viewing as an iTIP message (RFC 5546) with local times in Europe/Berlin and the zone's
 * VTIMEZONE, so a phone shows 10:00 on the last Sunday of March as 10:00 CEST.
 */
export function viewingIcs(v: IcsViewing): string {
  const calendar = ical({
    prodId: { company: 'ImmoXX', product: 'Besichtigungen', language: 'DE' },
    method: ICalCalendarMethod[v.method],
    // The zone per event, not per calendar: a calendar-wide zone would write DTSTAMP in local time,
    // and RFC 5545 §3.8.7.2 wants it in UTC.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    id: v.uid,
    sequence: v.sequence,
    start: local(v.startsAt),
    end: local(v.endsAt),
    timezone: VIEWING_TIME_ZONE,
    stamp: DateTime.utc(),
    summary: v.summary,
    location: v.location || null,
    description: v.description,
    url: v.url,
    status: v.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: v.organizer,
    attendees: v.attendee?.email
      ? [
          {
            name: v.attendee.name,
            email: v.attendee.email,
            rsvp: v.method === 'REQUEST',
            status: attendeeStatus[v.attendee.response],
          },
        ]
      : [],
  });
  return calendar.toString();
}

type StoredEvent = Omit<IcsViewing, 'method' | 'attendee'>;

const storedEvent = (calendar: ReturnType<typeof ical>, e: StoredEvent, withOrganizer: boolean) =>
  calendar.createEvent({
    id: e.uid,
    sequence: e.sequence,
    start: local(e.startsAt),
    end: local(e.endsAt),
    timezone: VIEWING_TIME_ZONE,
    stamp: DateTime.utc(),
    summary: e.summary,
    location: e.location || null,
    description: e.description,
    url: e.url,
    organizer: withOrganizer ? e.organizer : null,
  });

/** Several events in one calendar file: an agent's feed (METHOD:PUBLISH, no attendees' RSVP). */
export function feedIcs(name: string, events: StoredEvent[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'ImmoXX', product: 'Besichtigungen', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    // The zone per event, not per calendar: a calendar-wide zone would write DTSTAMP in local time,
    // and RFC 5545 §3.8.7.2 wants it in UTC.
    timezone: { name: null, generator: vtimezone },
    ttl: 15 * 60,
  });
  for (const e of events) storedEvent(calendar, e, true);
  return calendar.toString();
}

/**
 * One viewing as a calendar object resource for the agent's own calendar (CalDAV PUT). RFC 4791
 * §4.1 forbids METHOD there; ORGANIZER and ATTENDEE are left out too, because a server with
 * scheduling (RFC 6638: iCloud, Nextcloud) would otherwise mail the visitors a second invitation.
 */
export function calendarObjectIcs(e: StoredEvent): string {
  const calendar = ical({
    prodId: { company: 'ImmoXX', product: 'Besichtigungen', language: 'DE' },
    timezone: { name: null, generator: vtimezone },
  });
  storedEvent(calendar, e, false);
  return calendar.toString();
}
