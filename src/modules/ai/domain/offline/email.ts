import type { Tone } from '../../contract.js';
import type { ContactFacts, ListingFacts, OfficeFacts } from '../listing-facts.js';
import { placeOf } from '../listing-facts.js';
import { Phrasing } from './phrasing.js';

export type EmailKind = 'email_reply' | 'email_invitation' | 'email_followup';

export interface EmailFacts {
  contact: ContactFacts;
  listing: ListingFacts | null;
  office: OfficeFacts;
  /** The contact's next planned viewing of this listing, if one is booked. */
  viewingAt: Date | null;
}

export interface OfflineEmail {
  subject: string;
  body: string;
}

function greetingDe(c: ContactFacts, tone: Tone): string {
  const informal = tone === 'casual';
  if (informal && c.firstName) return `Hallo ${c.firstName},`;
  if (c.lastName && c.salutation === 'herr') return `Sehr geehrter Herr ${c.lastName},`;
  if (c.lastName && c.salutation === 'frau') return `Sehr geehrte Frau ${c.lastName},`;
  if (c.lastName) return `Guten Tag ${[c.firstName, c.lastName].filter(Boolean).join(' ')},`;
  return 'Sehr geehrte Damen und Herren,';
}

function greetingEn(c: ContactFacts, tone: Tone): string {
  if (tone === 'casual' && c.firstName) return `Hi ${c.firstName},`;
  if (c.lastName && c.salutation === 'herr') return `Dear Mr ${c.lastName},`;
  if (c.lastName && c.salutation === 'frau') return `Dear Ms ${c.lastName},`;
  if (c.lastName) return `Dear ${[c.firstName, c.lastName].filter(Boolean).join(' ')},`;
  return 'Dear Sir or Madam,';
}

function signature(o: OfficeFacts, de: boolean): string {
  return [
    de ? 'Mit freundlichen Grüßen' : 'Kind regards',
    o.agentName,
    o.name,
    o.phone ? `${de ? 'Tel.' : 'Phone'} ${o.phone}` : null,
    o.email,
  ]
    .filter(Boolean)
    .join('\n');
}

const when = (d: Date, de: boolean) =>
  new Intl.DateTimeFormat(de ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Berlin',
  }).format(d);

/** An email to a contact: reply to an inquiry, viewing invitation or follow-up after a viewing. */
export function emailOffline(
  kind: EmailKind,
  facts: EmailFacts,
  opts: { tone: Tone; variant: number; language: 'de' | 'en' },
): OfflineEmail {
  const de = opts.language === 'de';
  const r = new Phrasing(
    `${facts.listing?.id ?? 'none'}:${kind}:${opts.tone}:${opts.variant}:${opts.language}`,
  );
  const l = facts.listing;
  const object = l
    ? de
      ? `„${l.title}“ in ${placeOf(l)}`
      : `"${l.title}" in ${placeOf(l)}`
    : de
      ? 'unser Angebot'
      : 'our listing';
  const hello = de ? greetingDe(facts.contact, opts.tone) : greetingEn(facts.contact, opts.tone);
  let subject: string;
  let paragraphs: string[];
  if (kind === 'email_reply') {
    subject = de
      ? `Ihre Anfrage zu ${l ? l.title : 'unserem Angebot'}`
      : `Your enquiry about ${l ? l.title : 'our listing'}`;
    paragraphs = de
      ? [
          r.pick([
            `vielen Dank für Ihre Anfrage zu ${object}.`,
            `herzlichen Dank für Ihr Interesse an ${object}.`,
          ]),
          l
            ? `Die Angebotsseite mit allen Angaben, Fotos und dem Energieausweis finden Sie hier: ${l.publicUrl}`
            : 'Gern senden wir Ihnen passende Angebote zu.',
          r.pick([
            'Wenn Sie das Objekt besichtigen möchten, nennen Sie uns gern zwei oder drei Terminwünsche.',
            'Für eine Besichtigung stimmen wir gern einen Termin mit Ihnen ab – schreiben Sie uns einfach, wann es Ihnen passt.',
          ]),
        ]
      : [
          `thank you for your enquiry about ${object}.`,
          l
            ? `You will find all details, photos and the energy certificate here: ${l.publicUrl}`
            : 'We are happy to send you suitable listings.',
          'If you would like to view the property, please suggest two or three times that suit you.',
        ];
  } else if (kind === 'email_invitation') {
    subject = de
      ? `Einladung zur Besichtigung: ${l?.title ?? ''}`.trim()
      : `Viewing invitation: ${l?.title ?? ''}`.trim();
    const slot = facts.viewingAt
      ? de
        ? `Wir freuen uns, Sie am ${when(facts.viewingAt, true)} Uhr zur Besichtigung von ${object} zu begrüßen.`
        : `We look forward to welcoming you to a viewing of ${object} on ${when(facts.viewingAt, false)}.`
      : de
        ? `gern zeigen wir Ihnen ${object} bei einer Besichtigung. Bitte nennen Sie uns zwei oder drei Termine, die Ihnen passen – wir bestätigen dann umgehend.`
        : `we would be glad to show you ${object}. Please suggest two or three times that suit you and we will confirm promptly.`;
    paragraphs = de
      ? [
          facts.viewingAt ? `${slot.charAt(0).toLowerCase()}${slot.slice(1)}` : slot,
          'Bitte bringen Sie zur Besichtigung einen Ausweis mit. Sollte Ihnen der Termin nicht passen, geben Sie uns bitte kurz Bescheid.',
        ]
      : [
          facts.viewingAt ? slot.charAt(0).toLowerCase() + slot.slice(1) : slot,
          'Please bring an ID. If the time does not suit you, just let us know.',
        ];
  } else {
    subject = de
      ? `Ihre Besichtigung: ${l?.title ?? 'unser Angebot'}`
      : `Your viewing: ${l?.title ?? 'our listing'}`;
    paragraphs = de
      ? [
          r.pick([
            `vielen Dank, dass Sie sich ${object} angesehen haben.`,
            `schön, dass Sie sich Zeit für die Besichtigung von ${object} genommen haben.`,
          ]),
          'Wie hat Ihnen das Objekt gefallen? Über eine kurze Rückmeldung freuen wir uns – auch wenn es nicht ganz das Richtige war, denn dann können wir gezielter für Sie suchen.',
          'Offene Fragen, etwa zu Unterlagen oder zur Finanzierung, beantworten wir gern.',
        ]
      : [
          `thank you for viewing ${object}.`,
          'How did you like it? We would appreciate a short reply – even if it was not quite right, as it helps us search more precisely for you.',
          'We are happy to answer any questions about documents or financing.',
        ];
  }
  const body = [hello, '', ...paragraphs.flatMap((p) => [p, '']), signature(facts.office, de)].join('\n');
  return { subject, body };
}
