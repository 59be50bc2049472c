import { XMLParser } from 'fast-xml-parser';

/** What an inquiry mail from a portal says, in the terms of the lead intake. */
export interface ParsedInquiry {
  portal: 'immoscout24' | 'immowelt' | 'kleinanzeigen' | 'openimmo';
  name: string;
  email: string | null;
  phone: string | null;
  message: string;
  /** Our object number (OpenImmo `objektnr_extern`), when the portal passes it back. */
  externalId: string | null;
  /** The portal's own id of the listing. */
  portalObjectId: string | null;
  /** The listing's title as the portal shows it: the last resort for finding the listing. */
  listingTitle: string | null;
}

export interface MailInput {
  from: string;
  replyTo: string | null;
  subject: string;
  text: string;
  attachments: { filename: string | null; contentType: string; content: Buffer }[];
}

export type InquiryResult =
  | { kind: 'inquiry'; inquiry: ParsedInquiry }
  /** From a portal, but not readable as an inquiry: stays in the inbox with the reason. */
  | { kind: 'unreadable'; portal: ParsedInquiry['portal']; reason: string }
  | { kind: 'none' };

const PORTAL_OF: [RegExp, ParsedInquiry['portal']][] = [
  [/@(?:[a-z0-9-]+\.)*immobilienscout24\.de>?$/i, 'immoscout24'],
  [/@(?:[a-z0-9-]+\.)*immowelt\.(?:de|net)>?$/i, 'immowelt'],
  [/@(?:[a-z0-9-]+\.)*kleinanzeigen\.de>?$/i, 'kleinanzeigen'],
];

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });

const clean = (v: unknown) => {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return s.length ? s : null;
};

/**
 * OpenImmo-Feedback (openimmo_feedback 1.2.x: sender, objekt with oobj_id/portal_obj_id,
 * interessent with anrede, vorname, nachname, tel, mobil, email, anfrage) — the XML that
 * ImmoScout24, Immowelt and website plug-ins attach to inquiries.
 */
export function parseOpenImmoFeedback(source: string): ParsedInquiry | string {
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(source) as Record<string, unknown>;
  } catch (error) {
    return `OpenImmo-Feedback ist kein gültiges XML: ${(error as Error).message}`;
  }
  const root = doc.openimmo_feedback as Record<string, unknown> | undefined;
  if (!root) return 'Anhang ist kein OpenImmo-Feedback (Element openimmo_feedback fehlt).';
  const objekt = (Array.isArray(root.objekt) ? root.objekt[0] : root.objekt) as
    | Record<string, unknown>
    | undefined;
  if (!objekt) return 'OpenImmo-Feedback ohne Objekt.';
  const person = (Array.isArray(objekt.interessent) ? objekt.interessent[0] : objekt.interessent) as
    | Record<string, unknown>
    | undefined;
  if (!person) return 'OpenImmo-Feedback ohne Interessent.';
  const name =
    [clean(person.vorname), clean(person.nachname)].filter(Boolean).join(' ') || clean(person.firma);
  if (!name) return 'Im OpenImmo-Feedback fehlt der Name des Interessenten.';
  const sender = clean((root.sender as Record<string, unknown> | undefined)?.name) ?? '';
  return {
    portal: /scout/i.test(sender) ? 'immoscout24' : /immowelt/i.test(sender) ? 'immowelt' : 'openimmo',
    name,
    email: clean(person.email),
    phone: clean(person.tel) ?? clean(person.mobil),
    message: clean(person.anfrage) ?? '',
    externalId: clean(objekt.oobj_id) ?? clean(objekt.anbieter_id),
    portalObjectId: clean(objekt.portal_obj_id) ?? clean(objekt.portal_unique_id),
    listingTitle: clean(objekt.bezeichnung),
  };
}

/** "Label: value" lines of a plain-text lead mail; labels compared without case and punctuation. */
function fields(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß .\-/()]{1,40}?)\s*:\s*(.+?)\s*$/.exec(line);
    if (m) {
      const key = m[1]!.toLowerCase().replace(/[^a-zäöüß]/g, '');
      if (!map.has(key)) map.set(key, m[2]!);
    }
  }
  return map;
}

const pick = (f: Map<string, string>, ...keys: string[]) => {
  for (const k of keys) {
    const v = f.get(k);
    if (v) return v;
  }
  return null;
};

/** The free text after a "Nachricht:" line, up to the mail's footer. */
function messageBlock(text: string): string {
  const m =
    /(?:^|\n)\s*(?:Nachricht|Ihre Nachricht|Anfrage|Mitteilung)\s*:\s*\n?([\s\S]*?)(?:\n\s*(?:--|_{3,}|Mit freundlichen|Diese (?:E-Mail|Nachricht) wurde)|$)/i.exec(
      text,
    );
  return (m?.[1] ?? '').trim();
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

function fromTextFields(portal: ParsedInquiry['portal'], mail: MailInput): ParsedInquiry | string {
  const f = fields(mail.text);
  const first = pick(f, 'vorname');
  const last = pick(f, 'nachname', 'name');
  const name =
    [first, last].filter(Boolean).join(' ') || pick(f, 'vonname', 'absender', 'nachrichtvon', 'von');
  const emailField = pick(f, 'email', 'emailadresse', 'mail');
  const email = emailField ? (EMAIL.exec(emailField)?.[0] ?? null) : null;
  // Kleinanzeigen hides the address behind its relay: replies go to the Reply-To.
  const relay = portal === 'kleinanzeigen' && mail.replyTo ? (EMAIL.exec(mail.replyTo)?.[0] ?? null) : null;
  const externalId = pick(
    f,
    'ihreobjektnummer',
    'objektnummer',
    'objektnr',
    'ihreobjektid',
    'ihrereferenz',
    'anbieterobjektid',
    'externeobjektid',
  );
  const portalObjectId = pick(
    f,
    'scoutid',
    'immoweltid',
    'onlineid',
    'anzeigennummer',
    'anzeigennr',
    'anzeigenid',
  );
  const listingTitle = pick(f, 'objekt', 'anzeige', 'immobilie', 'titel');
  if (!name) return 'Kein Name des Interessenten in der Portal-Mail gefunden.';
  if (!email && !relay) return 'Keine E-Mail-Adresse des Interessenten in der Portal-Mail gefunden.';
  if (!externalId && !portalObjectId && !listingTitle)
    return 'Die Portal-Mail nennt kein Objekt (weder Objektnummer noch Anzeige).';
  return {
    portal,
    name: name.replace(/^(Herr|Frau)\s+/i, '').trim(),
    email: email ?? relay,
    phone: pick(f, 'telefon', 'telefonnummer', 'tel', 'mobil', 'handy'),
    message: messageBlock(mail.text),
    externalId: externalId?.replace(/^ext-/, '') ?? null,
    portalObjectId: portalObjectId?.replace(/\D+/g, '') || null,
    listingTitle,
  };
}

/**
 * Tells a portal inquiry from other mail and reads it: an OpenImmo-Feedback attachment wins
 * (structured, from any portal); otherwise the labelled text of ImmoScout24, Immowelt and
 * Kleinanzeigen lead mails, recognised by the sender's domain.
 */
export function readInquiry(mail: MailInput): InquiryResult {
  const feedback = mail.attachments.find(
    (a) => /xml/i.test(a.contentType) || /\.xml$/i.test(a.filename ?? ''),
  );
  const portal = PORTAL_OF.find(([re]) => re.test(mail.from.trim()))?.[1];
  if (feedback) {
    const source = feedback.content.toString('utf8');
    if (source.includes('openimmo_feedback')) {
      const parsed = parseOpenImmoFeedback(source);
      if (typeof parsed === 'string')
        return { kind: 'unreadable', portal: portal ?? 'openimmo', reason: parsed };
      if (!parsed.email)
        return {
          kind: 'unreadable',
          portal: parsed.portal,
          reason: 'Im OpenImmo-Feedback fehlt die E-Mail-Adresse des Interessenten.',
        };
      return {
        kind: 'inquiry',
        inquiry: portal && parsed.portal === 'openimmo' ? { ...parsed, portal } : parsed,
      };
    }
  }
  if (!portal) return { kind: 'none' };
  const parsed = fromTextFields(portal, mail);
  if (typeof parsed === 'string') return { kind: 'unreadable', portal, reason: parsed };
  return { kind: 'inquiry', inquiry: parsed };
}
