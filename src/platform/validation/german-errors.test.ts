import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installGermanValidationMessages } from './german-errors.js';

installGermanValidationMessages();
const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message);

describe('German validation messages (issue 18.10)', () => {
  it('read after a field label, with German numbers', () => {
    expect(messages(z.number().positive(), 0)).toEqual(['muss größer als 0 sein']);
    expect(messages(z.number().max(10_000), 20_000)).toEqual(['darf höchstens 10.000 sein']);
    expect(messages(z.string().min(1), '')).toEqual(['darf nicht leer sein']);
    expect(messages(z.string().email(), 'x')).toEqual(['ist keine gültige E-Mail-Adresse']);
    expect(messages(z.object({ a: z.string() }), {})).toEqual(['fehlt']);
  });

  it('never override a message the schema sets itself', () => {
    expect(messages(z.number().positive({ message: 'Eigene Meldung' }), 0)).toEqual(['Eigene Meldung']);
  });
});
