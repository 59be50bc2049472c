import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type IcsViewing, viewingIcs } from './viewing-ics.js';

const base: IcsViewing = {
  uid: 'besichtigung-1@immoxx',
  sequence: 0,
  startsAt: new Date('2027-03-28T08:00:00Z'),
  endsAt: new Date('2027-03-28T08:45:00Z'),
  summary: 'Besichtigung: Seeblick-Wohnung',
  location: 'Seestraße 12, 78464 Konstanz',
  description: 'Bitte bringen Sie einen Ausweis mit.',
  url: 'https://immoxx.example/termin/abc',
  organizer: { name: 'Bodensee Immobilien', email: 'buero@example.de' },
  attendee: { name: 'Max Muster', email: 'max@example.de', response: 'offen' },
  method: 'REQUEST',
};

/**
 * Read back with Mozilla's ical.js (the parser of Thunderbird), which resolves TZID against the
 * VTIMEZONE block in the file the way a phone calendar does — not with our own code.
 */
function readBack(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    startLocal: event.startDate.toString(),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    partstat: vevent.getFirstProperty('attendee')?.getParameter('partstat'),
  };
}

describe('viewing invitation as iCalendar', () => {
  it('a viewing on the morning DST begins (last Sunday of March) keeps its instant', () => {
    const read = readBack(viewingIcs(base));
    expect(read.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(read.end.toISOString()).toBe('2027-03-28T08:45:00.000Z');
    // 08:00 UTC is 10:00 in Konstanz after the clocks went forward at 02:00.
    expect(read.startLocal).toBe('2027-03-28T10:00:00');
    expect(read.method).toBe('REQUEST');
    expect(read.partstat).toBe('NEEDS-ACTION');
  });

  it('a viewing on the day DST ends (last Sunday of October) is read as CET', () => {
    const read = readBack(
      viewingIcs({
        ...base,
        startsAt: new Date('2027-10-31T09:00:00Z'),
        endsAt: new Date('2027-10-31T10:00:00Z'),
      }),
    );
    expect(read.start.toISOString()).toBe('2027-10-31T09:00:00.000Z');
    expect(read.startLocal).toBe('2027-10-31T10:00:00');
  });

  it('carries the Berlin VTIMEZONE with both transitions and a UTC DTSTAMP', () => {
    const text = viewingIcs(base);
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('TZID:Europe/Berlin');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
  });

  it('an update keeps the UID and raises SEQUENCE; a cancellation says CANCEL and CANCELLED', () => {
    const updated = readBack(viewingIcs({ ...base, sequence: 2 }));
    expect(updated.uid).toBe(base.uid);
    expect(updated.sequence).toBe(2);
    const cancelled = readBack(viewingIcs({ ...base, sequence: 3, method: 'CANCEL' }));
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.uid).toBe(base.uid);
  });
});
