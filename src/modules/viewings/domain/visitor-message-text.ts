import { formatTime } from '../../../platform/format/format-de.js';
import type { MessageKind } from '../schema.js';
import { type IcsViewing, VIEWING_TIME_ZONE, viewingIcs } from './viewing-ics.js';

export interface VisitorMessageInput {
  kind: MessageKind;
  viewingId: string;
  startsAt: Date;
  endsAt: Date;
  propertyTitle: string;
  meetingPoint: string;
  agent: { name: string; email: string } | null;
  office: { name: string; email: string | null };
  visitor: {
    name: string;
    email: string | null;
    token: string;
    response: 'offen' | 'bestaetigt' | 'abgesagt';
    sequence: number;
  };
  /** Absolute base of the visitor's pages, e.g. https://app.example/termin/<token>. */
  visitorUrl: string;
}

export interface ComposedMessage {
  subject: string;
  text: string;
  /** Short text for an SMS reminder (one 160-character part where possible). */
  sms: string;
  ics: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

/** "Samstag, 28.03.2027" in Berlin time. */
export function longDay(d: Date): string {
  return d.toLocaleDateString('de-DE', {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: VIEWING_TIME_ZONE,
  });
}

export const viewingUid = (viewingId: string) => `besichtigung-${viewingId}@immoxx`;

/** The German text of every message a visitor gets about a viewing, with its calendar file. */
export function composeVisitorMessage(m: VisitorMessageInput): ComposedMessage {
  const when = `${longDay(m.startsAt)}, ${formatTime(m.startsAt)}–${formatTime(m.endsAt)} Uhr`;
  const contactPerson = m.agent?.name ?? m.office.name;
  const facts = [
    `Objekt: ${m.propertyTitle}`,
    `Termin: ${when}`,
    `Treffpunkt: ${m.meetingPoint}`,
    `Ansprechpartner: ${contactPerson}`,
  ].join('\n');
  const hello = `Guten Tag ${m.visitor.name},`;
  const sign = `Mit freundlichen Grüßen\n${contactPerson}`;
  const links = `Termin bestätigen oder absagen: ${m.visitorUrl}\nEinchecken vor Ort (auch per QR-Code auf der Terminseite): ${m.visitorUrl}/check-in`;
  const short = `${formatTime(m.startsAt)} Uhr, ${m.meetingPoint}`;
  let subject: string;
  let text: string;
  let sms: string;
  let method: 'REQUEST' | 'CANCEL' | null = null;
  switch (m.kind) {
    case 'einladung':
      subject = `Einladung zur Besichtigung: ${m.propertyTitle} am ${longDay(m.startsAt)}`;
      text = `${hello}\n\nwir freuen uns, Ihnen das Objekt zu zeigen.\n\n${facts}\n\n${links}\n\nDie Einladung liegt als Kalenderdatei (.ics) bei.\n\n${sign}`;
      sms = `Besichtigung ${m.propertyTitle}: ${longDay(m.startsAt)}, ${short}. Bestätigen: ${m.visitorUrl}`;
      method = 'REQUEST';
      break;
    case 'aktualisierung':
      subject = `Geänderter Termin: Besichtigung ${m.propertyTitle}`;
      text = `${hello}\n\nder Besichtigungstermin hat sich geändert. Bitte bestätigen Sie den neuen Termin.\n\n${facts}\n\n${links}\n\nDie aktualisierte Kalenderdatei (.ics) liegt bei; Ihr Kalender ersetzt den alten Eintrag.\n\n${sign}`;
      sms = `Geänderter Termin ${m.propertyTitle}: ${longDay(m.startsAt)}, ${short}. ${m.visitorUrl}`;
      method = 'REQUEST';
      break;
    case 'absage':
      subject = `Abgesagt: Besichtigung ${m.propertyTitle} am ${longDay(m.startsAt)}`;
      text = `${hello}\n\nder folgende Besichtigungstermin findet nicht statt:\n\n${facts}\n\nDie beigefügte Kalenderdatei entfernt den Termin aus Ihrem Kalender. Für einen neuen Termin melden Sie sich gern bei uns.\n\n${sign}`;
      sms = `Abgesagt: Besichtigung ${m.propertyTitle} am ${longDay(m.startsAt)}, ${formatTime(m.startsAt)} Uhr.`;
      method = 'CANCEL';
      break;
    case 'erinnerung':
      subject = `Erinnerung: Besichtigung ${m.propertyTitle} am ${longDay(m.startsAt)} um ${formatTime(m.startsAt)} Uhr`;
      text = `${hello}\n\nwir erinnern Sie an Ihren Besichtigungstermin.\n\n${facts}\n\n${links}\n\n${sign}`;
      sms = `Erinnerung: Besichtigung ${m.propertyTitle} ${longDay(m.startsAt)}, ${short}. Absagen: ${m.visitorUrl}`;
      break;
    case 'feedback':
      subject = `Wie hat Ihnen „${m.propertyTitle}“ gefallen?`;
      text = `${hello}\n\nvielen Dank für Ihren Besuch am ${longDay(m.startsAt)}. Ihre Meinung hilft uns – und Ihnen, wenn Sie ein Angebot oder einen zweiten Termin wünschen. Es dauert eine Minute:\n\n${m.visitorUrl}/feedback\n\n${sign}`;
      sms = `Danke für Ihren Besuch! Ihre Meinung zu ${m.propertyTitle}: ${m.visitorUrl}/feedback`;
      break;
  }
  const ics: IcsViewing | null = method
    ? {
        uid: viewingUid(m.viewingId),
        sequence: m.visitor.sequence,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        summary: `Besichtigung: ${m.propertyTitle}`,
        location: m.meetingPoint,
        description: `${facts}\n\n${m.visitorUrl}`,
        url: m.visitorUrl,
        organizer: {
          name: contactPerson,
          email: m.agent?.email ?? m.office.email ?? 'noreply@immoxx.invalid',
        },
        attendee: { name: m.visitor.name, email: m.visitor.email, response: m.visitor.response },
        method,
      }
    : null;
  return { subject, text, sms, ics: ics && method ? { method, content: viewingIcs(ics) } : null };
}
