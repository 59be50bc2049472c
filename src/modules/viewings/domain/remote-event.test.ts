import { describe, expect, it } from 'vitest';
import { readRemoteEvents } from './remote-event.js';
import { calendarObjectIcs } from './viewing-ics.js';

const window = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2028-01-01T00:00:00Z') };
const stored = (startsAt: string, endsAt: string) =>
  calendarObjectIcs({
    uid: 'besichtigung-1@immoxx',
    sequence: 0,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    summary: 'Besichtigung',
    location: 'Seestraße 1, Lindau',
    description: '',
    url: null,
    organizer: { name: 'Büro', email: 'buero@example.org' },
  });

describe('readRemoteEvents', () => {
  it('reads back a viewing on the last Sunday of March and of October at the same instants', () => {
    // 28.03.2027 10:00 CEST (clocks went forward at 02:00 that night) and 25.10.2026 10:00 CET.
    for (const [s, e] of [
      ['2027-03-28T08:00:00Z', '2027-03-28T08:45:00Z'],
      ['2026-10-25T09:00:00Z', '2026-10-25T09:45:00Z'],
      // Across the switch itself: 01:30 CET to 03:30 CEST is one hour.
      ['2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z'],
    ] as const) {
      const ics = stored(s, e);
      expect(ics).not.toContain('METHOD:');
      expect(ics).not.toContain('ORGANIZER');
      const [event] = readRemoteEvents(ics, window);
      expect(event?.start.toISOString()).toBe(new Date(s).toISOString());
      expect(event?.end.toISOString()).toBe(new Date(e).toISOString());
    }
  });

  it('reads a Windows zone name through the VTIMEZONE sent with it (as Outlook writes it)', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:Microsoft Exchange Server 2010',
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:040000008200E00074C5B7101A82E008',
      'DTSTAMP:20261201T100000Z',
      'DTSTART;TZID=W. Europe Standard Time:20270328T100000',
      'DTEND;TZID=W. Europe Standard Time:20270328T110000',
      'SUMMARY:Zahnarzt',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const [event] = readRemoteEvents(ics, window);
    expect(event?.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(event?.blocks).toBe(true);
  });

  it('expands a weekly appointment across the change to summer time, skipping a cancelled week', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Apple Inc.//iPhone OS 18.0//EN',
      'BEGIN:VEVENT',
      'UID:team@example.org',
      'DTSTAMP:20261201T100000Z',
      'DTSTART;TZID=Europe/Berlin:20270316T090000',
      'DTEND;TZID=Europe/Berlin:20270316T100000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Teamrunde',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:team@example.org',
      'DTSTAMP:20261201T100000Z',
      'RECURRENCE-ID;TZID=Europe/Berlin:20270330T090000',
      'DTSTART;TZID=Europe/Berlin:20270330T090000',
      'DTEND;TZID=Europe/Berlin:20270330T100000',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const [event] = readRemoteEvents(ics, window);
    expect(event?.occurrences.map((o) => o.start.toISOString())).toEqual([
      '2027-03-16T08:00:00.000Z',
      '2027-03-23T08:00:00.000Z',
      // 30.03. is cancelled; from 28.03. on 09:00 is CEST, 07:00 UTC.
      '2027-04-06T07:00:00.000Z',
    ]);
  });

  it('does not let a free (transparent) or cancelled event block a slot', () => {
    const ics = (extra: string) =>
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20261201T100000Z\r\nDTSTART:20270101T100000Z\r\nDTEND:20270101T110000Z\r\n${extra}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    expect(readRemoteEvents(ics('TRANSP:TRANSPARENT'), window)[0]?.blocks).toBe(false);
    expect(readRemoteEvents(ics('STATUS:CANCELLED'), window)[0]?.blocks).toBe(false);
    expect(readRemoteEvents(ics('TRANSP:OPAQUE'), window)[0]?.blocks).toBe(true);
  });
});
