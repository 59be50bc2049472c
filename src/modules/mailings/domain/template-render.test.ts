import { describe, expect, it } from 'vitest';
import { letterSalutation } from './salutation.js';
import {
  checkTemplate,
  PLACEHOLDERS,
  renderTemplate,
  subjectForHistory,
  TemplateError,
  type TemplateValues,
} from './template-render.js';

const values = Object.fromEntries(Object.keys(PLACEHOLDERS).map((k) => [k, `<${k}>`])) as TemplateValues;

describe('mail templates', () => {
  it('lists the placeholders a template uses', () => {
    expect(checkTemplate('{{anrede}},\n\n{{objekt_titel}} in {{objekt_ort}}')).toEqual([
      'anrede',
      'objekt_titel',
      'objekt_ort',
    ]);
  });

  it('refuses unknown placeholders and naming the allowed ones', () => {
    expect(() => checkTemplate('Hallo {{kunde}}')).toThrow(/\{\{kunde\}\} gibt es nicht.*\{\{anrede\}\}/);
  });

  it('refuses sections and partials, so a template only fills in values', () => {
    expect(() => checkTemplate('{{#objekt_titel}}x{{/objekt_titel}}')).toThrow(TemplateError);
    expect(() => checkTemplate('{{> signatur}}')).toThrow(TemplateError);
  });

  it('refuses a broken template with a reason', () => {
    expect(() => checkTemplate('{{anrede')).toThrow(/fehlerhaft/);
  });

  it('fills in values without HTML-escaping (text mail)', () => {
    const v = { ...values, objekt_titel: 'Haus „Seeblick“ & Garten' };
    expect(renderTemplate('{{objekt_titel}}', v)).toBe('Haus „Seeblick“ & Garten');
  });
});

describe('letter salutation', () => {
  const base = { firstName: 'Anna', lastName: 'Keller', companyName: null };
  it('uses Frau/Herr with the surname', () => {
    expect(letterSalutation({ ...base, salutation: 'frau' })).toBe('Sehr geehrte Frau Keller');
    expect(letterSalutation({ ...base, salutation: 'herr' })).toBe('Sehr geehrter Herr Keller');
  });
  it('uses the full name for "divers" or no salutation', () => {
    expect(letterSalutation({ ...base, salutation: 'divers' })).toBe('Guten Tag Anna Keller');
    expect(letterSalutation({ ...base, salutation: null })).toBe('Guten Tag Anna Keller');
  });
  it('addresses a company without a person', () => {
    expect(
      letterSalutation({ salutation: null, firstName: null, lastName: null, companyName: 'Seeblick GmbH' }),
    ).toBe('Sehr geehrte Damen und Herren');
  });
});

describe('subjectForHistory', () => {
  it('fills in the listing and names what differs per recipient', () => {
    expect(subjectForHistory('Für {{vorname}}: {{objekt_titel}}', 'Seeblick-Wohnung')).toBe(
      'Für [Vorname]: Seeblick-Wohnung',
    );
  });
});
