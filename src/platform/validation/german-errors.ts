import { z } from 'zod';

/**
 * Zod's messages in German, written to follow a field's label: "Wohnfläche: muss größer als 0
 * sein". A message a schema sets itself still wins; this covers the rest on server and client.
 */
const TYPE_NAMES: Record<string, string> = {
  number: 'Zahl',
  string: 'Text',
  boolean: 'Ja/Nein',
  array: 'Liste',
  object: 'Objekt',
  date: 'Datum',
  bigint: 'Zahl',
};

const FORMATS: Record<string, string> = {
  email: 'ist keine gültige E-Mail-Adresse',
  datetime: 'ist kein gültiges Datum mit Uhrzeit',
  date: 'ist kein gültiges Datum (TT.MM.JJJJ)',
  time: 'ist keine gültige Uhrzeit',
  uuid: 'ist keine gültige Kennung',
  url: 'ist keine gültige Adresse (URL)',
  regex: 'hat ein ungültiges Format',
};

const number = (n: unknown) =>
  typeof n === 'number' || typeof n === 'bigint' ? Number(n).toLocaleString('de-DE') : String(n);

export const germanError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'fehlt'
        : `hat den falschen Typ (erwartet: ${TYPE_NAMES[issue.expected] ?? issue.expected})`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'darf nicht leer sein'
          : `muss mindestens ${number(issue.minimum)} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `braucht mindestens ${number(issue.minimum)} ${Number(issue.minimum) === 1 ? 'Eintrag' : 'Einträge'}`;
      return issue.inclusive
        ? `muss mindestens ${number(issue.minimum)} sein`
        : `muss größer als ${number(issue.minimum)} sein`;
    case 'too_big':
      if (issue.origin === 'string') return `darf höchstens ${number(issue.maximum)} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `darf höchstens ${number(issue.maximum)} Einträge haben`;
      return issue.inclusive
        ? `darf höchstens ${number(issue.maximum)} sein`
        : `muss kleiner als ${number(issue.maximum)} sein`;
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'hat ein ungültiges Format';
    case 'invalid_value':
      return `muss eine dieser Angaben sein: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unbekannte ${issue.keys.length === 1 ? 'Angabe' : 'Angaben'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `muss ein Vielfaches von ${number(issue.divisor)} sein`;
    default:
      return 'ist ungültig';
  }
};

/** Installs the German messages once per process (server) or page (web client). */
export function installGermanValidationMessages(): void {
  z.config({ customError: germanError });
}
