import { z } from 'zod';

/**
 * What a public form asks of a person (contact form, booking page): name, e-mail, optional
 * phone, consent, and the hidden field bots fill. German messages for the page.
 */
export const visitorFormFields = {
  name: z.string().trim().min(2, 'Bitte geben Sie Ihren Namen an.').max(120),
  email: z.string().trim().toLowerCase().email('Bitte geben Sie eine gültige E-Mail-Adresse an.').max(254),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[+0-9 ()/-]*$/, 'Die Telefonnummer enthält ungültige Zeichen.')
    .optional()
    .transform((v) => v || null),
  privacy: z.literal('ja', { message: 'Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.' }),
  website: z.string().max(0).optional(),
};
