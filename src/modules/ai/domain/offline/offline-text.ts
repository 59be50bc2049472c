import type { TextRequest } from '../../contract.js';
import type { ContactFacts, ListingFacts, OfficeFacts } from '../listing-facts.js';
import { describeListingDe } from './description-de.js';
import { describeListingEn } from './description-en.js';
import { emailOffline } from './email.js';
import { socialPostOffline } from './social-post.js';

export interface OfflineFacts {
  listing: ListingFacts | null;
  contact: ContactFacts | null;
  office: OfficeFacts;
  viewingAt: Date | null;
}

/** The request asks for something the template engine cannot write; the message says what instead. */
export class OfflineUnsupportedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Which requests the local template engine can answer without any AI provider. */
export function offlineSupports(
  request: Pick<TextRequest, 'type' | 'language'>,
): { ok: true } | { ok: false; code: string; message: string } {
  if (request.language !== 'de' && request.language !== 'en')
    return {
      ok: false,
      code: 'offline_language',
      message:
        'Ohne KI-Anbieter schreibt das Studio auf Deutsch und Englisch. Für Französisch oder Italienisch bitte einen Anbieter einrichten.',
    };
  if (['blog_article', 'market_commentary', 'custom'].includes(request.type))
    return {
      ok: false,
      code: 'offline_type',
      message:
        'Blogartikel, Marktkommentare und freie Aufträge brauchen einen KI-Anbieter – offline entstehen Objekttexte, Social-Posts und E-Mails.',
    };
  return { ok: true };
}

/** Writes the requested text from the facts alone; same facts and variant give the same text. */
export function generateOfflineText(
  request: TextRequest,
  facts: OfflineFacts,
): { text: string; subject: string | null } {
  const support = offlineSupports(request);
  if (!support.ok) throw new OfflineUnsupportedError(support.code, support.message);
  const language = request.language === 'en' ? 'en' : 'de';
  const style = { tone: request.tone, length: request.length, variant: request.variant };
  if (request.type === 'property_description' || request.type === 'social_post') {
    if (!facts.listing) throw new OfflineUnsupportedError('property_required', 'Bitte ein Objekt wählen.');
    if (request.type === 'social_post')
      return {
        text: socialPostOffline(facts.listing, {
          ...style,
          platform: request.platform ?? 'facebook',
          language,
        }),
        subject: null,
      };
    return {
      text:
        language === 'de' ? describeListingDe(facts.listing, style) : describeListingEn(facts.listing, style),
      subject: null,
    };
  }
  if (!facts.contact) throw new OfflineUnsupportedError('contact_required', 'Bitte einen Kontakt wählen.');
  const mail = emailOffline(
    request.type as 'email_reply' | 'email_invitation' | 'email_followup',
    { contact: facts.contact, listing: facts.listing, office: facts.office, viewingAt: facts.viewingAt },
    { ...style, language },
  );
  return { text: mail.body, subject: mail.subject };
}
