import type { MailLocale } from '../../../platform/mail/mail-templates.js';

interface RenderedMail {
  subject: string;
  text: string;
}

/** The link that opens the office; sent to the address given at sign-up. */
export function confirmSignupMail(
  locale: MailLocale,
  input: { name: string; officeName: string; url: string; existingAccount: boolean; validHours: number },
): RenderedMail {
  if (locale === 'en') {
    const account = input.existingAccount
      ? 'This address already has an ImmoXX account: the new office will be added to it, and you sign in with your existing password.'
      : 'Then sign in with the password you chose.';
    return {
      subject: `Confirm your e-mail address to open ${input.officeName} on ImmoXX`,
      text: `Hello ${input.name},\n\nplease confirm your e-mail address within ${input.validHours} hours to open the office "${input.officeName}":\n\n${input.url}\n\n${account}\n\nIf you did not sign up, ignore this e-mail; nothing will be created.\n\nImmoXX`,
    };
  }
  const account = input.existingAccount
    ? 'Für diese Adresse gibt es bereits ein ImmoXX-Konto: Das neue Büro wird ihm hinzugefügt, und Sie melden sich mit Ihrem bisherigen Passwort an.'
    : 'Danach melden Sie sich mit dem gewählten Passwort an.';
  return {
    subject: `Bitte bestätigen Sie Ihre E-Mail-Adresse für ${input.officeName} bei ImmoXX`,
    text: `Hallo ${input.name},\n\nbitte bestätigen Sie innerhalb von ${input.validHours} Stunden Ihre E-Mail-Adresse, um das Büro „${input.officeName}“ zu eröffnen:\n\n${input.url}\n\n${account}\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail; es wird nichts angelegt.\n\nImmoXX`,
  };
}
