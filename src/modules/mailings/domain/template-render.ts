import Mustache from 'mustache';

/** The placeholders a template may use, with the label the editor shows. */
export const PLACEHOLDERS = {
  anrede: 'Briefanrede („Sehr geehrte Frau Keller“)',
  vorname: 'Vorname',
  nachname: 'Nachname',
  objekt_titel: 'Objekttitel',
  objekt_nummer: 'Objektnummer',
  objekt_ort: 'PLZ und Ort',
  objekt_preis: 'Kaufpreis oder Kaltmiete',
  objekt_wohnflaeche: 'Wohnfläche',
  objekt_zimmer: 'Zimmer',
  objekt_link: 'Link zur Objektseite',
  makler_name: 'Name der Maklerin / des Maklers',
  makler_telefon: 'Telefon',
  makler_email: 'E-Mail',
  buero_name: 'Name des Büros',
  signatur: 'Signatur (Name, Büro, Telefon, E-Mail)',
  abmelde_link: 'Abmeldelink',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Record<Placeholder, string>;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

type Token = [string, string, number, number, ...unknown[]];

/**
 * Checks a template: only plain {{placeholders}} from the list, no sections, partials or
 * unescaped forms, so a template cannot do anything but fill in known values.
 */
export function checkTemplate(template: string): Placeholder[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch (error) {
    throw new TemplateError(`Die Vorlage ist fehlerhaft: ${(error as Error).message}`);
  }
  const used: Placeholder[] = [];
  for (const [type, value] of tokens) {
    if (type === 'text') continue;
    if (type !== 'name' && type !== '&')
      throw new TemplateError(
        `„{{${type}${value}}}“ ist in Vorlagen nicht erlaubt; bitte nur Platzhalter wie {{anrede}} verwenden.`,
      );
    if (!(value in PLACEHOLDERS))
      throw new TemplateError(
        `Den Platzhalter {{${value}}} gibt es nicht. Erlaubt sind: ${Object.keys(PLACEHOLDERS)
          .map((p) => `{{${p}}}`)
          .join(', ')}.`,
      );
    used.push(value as Placeholder);
  }
  return used;
}

/** Fills in a checked template; text mail, so nothing is HTML-escaped. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return Mustache.render(template, values, undefined, { escape: (text: string) => text });
}

/**
 * A mailing's subject as the history shows it: the listing's title filled in, anything that
 * differs per recipient named in brackets ("Für [Vorname]: Seeblick-Wohnung").
 */
export function subjectForHistory(subject: string, propertyTitle: string): string {
  const values = Object.fromEntries(
    Object.entries(PLACEHOLDERS).map(([key, label]) => [key, `[${label}]`]),
  ) as TemplateValues;
  return renderTemplate(subject, { ...values, objekt_titel: propertyTitle });
}
