import { IMPORT_FIELDS } from '../contract.js';

export const IMPORT_FIELD_LIST = IMPORT_FIELDS;

const HINTS: [RegExp, (typeof IMPORT_FIELDS)[number]][] = [
  [/^(anrede|salutation|title)$/i, 'salutation'],
  [/^(vorname|first.?name|given.?name)$/i, 'firstName'],
  [/^(nachname|name|last.?name|surname|family.?name)$/i, 'lastName'],
  [/^(firma|unternehmen|company|organisation|organization)$/i, 'companyName'],
  [/e-?mail/i, 'email'],
  [/^(telefon|tel\.?|phone|festnetz)$/i, 'phone'],
  [/^(mobil|handy|mobile|cell)/i, 'mobile'],
  [/^(stra(ss|ß)e|street|adresse|address)/i, 'street'],
  [/^(plz|postleitzahl|zip|post.?code)$/i, 'postalCode'],
  [/^(ort|stadt|city|wohnort|town)$/i, 'city'],
  [/^(rolle|rollen|roles?)$/i, 'roles'],
  [/^(status|lead.?status)$/i, 'leadStatus'],
  [/^(quelle|source|herkunft)$/i, 'source'],
  [/^(notiz|notizen|bemerkung|notes?|kommentar)$/i, 'notes'],
  [/^(einwilligung|consent|dsgvo)$/i, 'consentGiven'],
];

/** A first guess at which contact field a spreadsheet column holds, from its header. */
export function guessField(header: string): string {
  return HINTS.find(([re]) => re.test(header.trim()))?.[1] ?? 'ignore';
}
