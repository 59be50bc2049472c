import ICAL from 'ical.js';
import { DateTime } from 'luxon';

/** What the sync needs of one event in the agent's calendar. */
export interface RemoteEvent {
  uid: string;
  start: Date;
  end: Date;
  /** TRANSP:TRANSPARENT ("frei") and cancelled events do not block a slot. */
  blocks: boolean;
  cancelled: boolean;
  /** Start and end of each occurrence inside the window (one for a single event). */
  occurrences: { start: Date; end: Date }[];
}

const MAX_OCCURRENCES = 500;

/**
 * An instant from an ical.js time. A TZID that is an IANA name (what Apple, Google, Nextcloud and
 * radicale write) is resolved with Luxon's full zone data, so 10:00 on the last Sunday of March is
 * 08:00 UTC; other TZIDs (Outlook's "W. Europe Standard Time") fall back to the VTIMEZONE that
 * ical.js registered from the same file; a floating time is read as Berlin time.
 */
function instant(time: ICAL.Time, tzid: string | null): Date {
  if (time.isDate || time.zone === ICAL.Timezone.utcTimezone) return time.toJSDate();
  const zone = tzid && DateTime.local().setZone(tzid).isValid ? tzid : null;
  if (!zone && tzid && time.zone && time.zone.tzid === tzid) return time.toJSDate();
  return DateTime.fromObject(
    {
      year: time.year,
      month: time.month,
      day: time.day,
      hour: time.hour,
      minute: time.minute,
      second: time.second,
    },
    { zone: zone ?? 'Europe/Berlin' },
  ).toJSDate();
}

/** An all-day value starts at local midnight in Berlin, not UTC midnight. */
function dayStart(time: ICAL.Time): Date {
  return DateTime.fromObject(
    { year: time.year, month: time.month, day: time.day },
    { zone: 'Europe/Berlin' },
  ).toJSDate();
}

const at = (time: ICAL.Time, tzid: string | null) => (time.isDate ? dayStart(time) : instant(time, tzid));

/**
 * The events of one calendar object (a VCALENDAR with a VEVENT and maybe overridden occurrences).
 * Recurring events are expanded inside `window` so a weekly team meeting blocks every week.
 */
export function readRemoteEvents(ics: string, window: { from: Date; to: Date }): RemoteEvent[] {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = root.getAllSubcomponents('vevent');
  const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
  const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
  const out: RemoteEvent[] = [];
  for (const vevent of masters) {
    const event = new ICAL.Event(vevent);
    for (const o of overrides) if (o.getFirstPropertyValue('uid') === event.uid) event.relateException(o);
    const startProp = vevent.getFirstProperty('dtstart');
    if (!startProp) continue;
    const tzid = (startProp.getParameter('tzid') as string | undefined) ?? null;
    const endTzid = (vevent.getFirstProperty('dtend')?.getParameter('tzid') as string | undefined) ?? tzid;
    const start = at(event.startDate, tzid);
    const end = event.endDate ? at(event.endDate, endTzid) : start;
    const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
    const cancelled = status === 'CANCELLED';
    const transparent = String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT';
    const occurrences: { start: Date; end: Date }[] = [];
    if (event.isRecurring()) {
      const it = event.iterator();
      for (let next = it.next(), n = 0; next && n < 5000; next = it.next(), n++) {
        const details = event.getOccurrenceDetails(next);
        const s = at(details.startDate, tzid);
        if (s >= window.to) break;
        const e = at(details.endDate, endTzid);
        const overridden = details.item.component.getFirstPropertyValue('status');
        if (e > window.from && String(overridden ?? '').toUpperCase() !== 'CANCELLED')
          occurrences.push({ start: s, end: e });
        if (occurrences.length >= MAX_OCCURRENCES) break;
      }
    } else if (end > window.from && start < window.to) {
      occurrences.push({ start, end });
    }
    out.push({ uid: event.uid, start, end, blocks: !cancelled && !transparent, cancelled, occurrences });
  }
  return out;
}
