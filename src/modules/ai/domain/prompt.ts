import { FEATURE_LABELS_DE, OBJECT_TYPE_LABELS_DE, SUBTYPE_LABELS_DE } from '../../crm/domain/labels-de.js';
import type { Language, Length, TextRequest, Tone } from '../contract.js';
import { energyStatementOf, type ListingFacts, placeOf } from './listing-facts.js';
import type { OfflineFacts } from './offline/offline-text.js';
import { formatArea, formatEuros, formatNumber } from './offline/phrasing.js';

const LANGUAGE_NAMES: Record<Language, string> = {
  de: 'Deutsch',
  en: 'Englisch',
  fr: 'Französisch',
  it: 'Italienisch',
};
const TONE_NAMES: Record<Tone, string> = {
  professional: 'sachlich-professionell',
  casual: 'locker und nahbar',
  luxury: 'exklusiv und gehoben, ohne Übertreibung',
  friendly: 'freundlich und einladend',
};
const WORDS: Record<Length, string> = { short: 'etwa 80–120', medium: 'etwa 150–300', long: 'etwa 300–450' };
const TASKS: Record<TextRequest['type'], string> = {
  property_description: 'Schreibe die Objektbeschreibung für ein Immobilienportal und das Exposé.',
  social_post: 'Schreibe einen Social-Media-Beitrag für das Objekt.',
  email_reply: 'Schreibe eine Antwort-E-Mail auf die Anfrage des Kontakts zu dem Objekt.',
  email_invitation: 'Schreibe eine E-Mail, die den Kontakt zur Besichtigung des Objekts einlädt.',
  email_followup: 'Schreibe eine Nachfass-E-Mail nach der Besichtigung des Objekts.',
  blog_article: 'Schreibe einen Blogartikel für die Website des Maklerbüros.',
  market_commentary: 'Schreibe einen kurzen Marktkommentar zum regionalen Immobilienmarkt.',
  custom: 'Erfülle den folgenden Auftrag.',
};

function listingLines(f: ListingFacts): string[] {
  const lines = [
    `Titel: ${f.title}`,
    `Vermarktung: ${f.marketingType === 'kauf' ? 'Kauf' : 'Miete'}`,
    `Objektart: ${(f.objectSubtype && SUBTYPE_LABELS_DE[f.objectSubtype]) ?? OBJECT_TYPE_LABELS_DE[f.objectType] ?? f.objectType}`,
    `Ort: ${placeOf(f)}`,
    f.livingArea !== null ? `Wohnfläche: ${formatArea(f.livingArea, 'de')}` : null,
    f.usableArea !== null ? `Nutzfläche: ${formatArea(f.usableArea, 'de')}` : null,
    f.plotArea !== null ? `Grundstück: ${formatArea(f.plotArea, 'de')}` : null,
    f.rooms !== null ? `Zimmer: ${formatNumber(f.rooms, 'de')}` : null,
    f.bedrooms !== null ? `Schlafzimmer: ${f.bedrooms}` : null,
    f.bathrooms !== null ? `Badezimmer: ${f.bathrooms}` : null,
    f.floor !== null ? `Etage: ${f.floor}${f.totalFloors !== null ? ` von ${f.totalFloors}` : ''}` : null,
    f.yearBuilt !== null ? `Baujahr: ${f.yearBuilt}` : null,
    f.condition ? `Zustand: ${f.condition}` : null,
    f.features.length ? `Ausstattung: ${f.features.map((x) => FEATURE_LABELS_DE[x] ?? x).join(', ')}` : null,
    f.purchasePriceCents !== null ? `Kaufpreis: ${formatEuros(f.purchasePriceCents, 'de')}` : null,
    f.coldRentCents !== null ? `Kaltmiete: ${formatEuros(f.coldRentCents, 'de')}` : null,
    f.additionalCostsCents !== null ? `Nebenkosten: ${formatEuros(f.additionalCostsCents, 'de')}` : null,
    f.hausgeldCents !== null ? `Hausgeld: ${formatEuros(f.hausgeldCents, 'de')}` : null,
    f.depositText ? `Kaution: ${f.depositText}` : null,
    f.commissionText ? `Provision: ${f.commissionText}` : 'Provision: keine hinterlegt',
    f.locationDescription ? `Lage: ${f.locationDescription}` : null,
    energyPromptLine(f),
    `Angebotsseite: ${f.publicUrl}`,
  ];
  return lines.filter((l): l is string => l !== null);
}

/**
 * The system and user prompt for a provider, built from the listing's and contact's real data.
 * The rules the compliance check enforces are stated up front, so the model rarely trips them.
 */
export function buildTextPrompt(
  request: TextRequest,
  facts: OfflineFacts,
): { system: string; prompt: string } {
  const system = [
    `Du bist Texterin eines Immobilienmaklerbüros (${facts.office.name}) am Bodensee.`,
    `Schreibe auf ${LANGUAGE_NAMES[request.language]}, Ton: ${TONE_NAMES[request.tone]}, Länge: ${WORDS[request.length]} Wörter.`,
    'Verwende ausschließlich die genannten Fakten; erfinde keine Entfernungen, Ausstattungen oder Zahlen.',
    'Schließe niemanden aus (AGG): keine Aussagen zu Herkunft, Religion, Alter, Geschlecht, Familienstand, Kindern, Behinderung oder sexueller Identität.',
    'Schreibe nie „provisionsfrei“, wenn eine Provision hinterlegt ist; versprich keine Wertsteigerung oder Rendite.',
    'Gib nur den fertigen Text aus, ohne Vorbemerkung und ohne Markdown.',
    request.type.startsWith('email_')
      ? `Beginne mit einer Zeile „${request.language === 'de' ? 'Betreff' : 'Subject'}: …“, dann eine Leerzeile, dann die E-Mail mit Anrede und Grußformel${facts.office.agentName ? ` von ${facts.office.agentName}` : ''}.`
      : null,
    request.type === 'social_post' && request.platform
      ? `Plattform: ${request.platform}. Halte dich an deren übliche Länge; Hashtags am Ende.${request.platform === 'instagram' || request.platform === 'tiktok' ? ' Links sind nicht klickbar: verweise auf den Link in der Bio.' : ''}`
      : null,
  ]
    .filter(Boolean)
    .join('\n');
  const parts = [TASKS[request.type]];
  if (facts.listing) parts.push('', 'Objekt:', ...listingLines(facts.listing).map((l) => `- ${l}`));
  if (facts.contact) {
    const c = facts.contact;
    parts.push(
      '',
      'Kontakt:',
      `- Name: ${[c.salutation === 'herr' ? 'Herr' : c.salutation === 'frau' ? 'Frau' : null, c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || 'unbekannt'}`,
    );
    if (facts.viewingAt) parts.push(`- Gebuchte Besichtigung: ${facts.viewingAt.toISOString()}`);
  }
  parts.push(
    '',
    `Absender: ${[facts.office.agentName, facts.office.name, facts.office.phone, facts.office.email].filter(Boolean).join(', ')}`,
  );
  if (request.prompt) parts.push('', `Auftrag des Maklers: ${request.prompt}`);
  if (request.variant > 0) parts.push('', `Variante ${request.variant + 1}: formuliere anders als zuvor.`);
  return { system, prompt: parts.join('\n') };
}

/** What the model is told about the certificate: the items verbatim, or the one fixed statement to use. */
function energyPromptLine(f: ListingFacts): string | null {
  const statement = energyStatementOf(f);
  if (statement.kind === 'certificate')
    return `Energieausweis (Pflichtangaben § 87 GEG, vollständig und unverändert nennen): ${statement.items}`;
  if (statement.sentence)
    return `Energieausweis: keine Daten hinterlegt – nichts dazu erfinden, sondern wörtlich schreiben: „${statement.sentence}“`;
  return null;
}
