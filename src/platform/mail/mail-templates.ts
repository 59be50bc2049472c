export type MailLocale = 'de' | 'en';

interface RenderedMail {
  subject: string;
  text: string;
}

export function passwordResetMail(locale: MailLocale, name: string, url: string): RenderedMail {
  if (locale === 'en') {
    return {
      subject: 'Reset your ImmoXX password',
      text: `Hello ${name},\n\nsomeone asked to reset the password of your ImmoXX account. Open this link within one hour to choose a new password:\n\n${url}\n\nIf that was not you, ignore this e-mail; your password stays unchanged.\n\nImmoXX`,
    };
  }
  return {
    subject: 'Ihr ImmoXX-Passwort zurücksetzen',
    text: `Hallo ${name},\n\nfür Ihr ImmoXX-Konto wurde das Zurücksetzen des Passworts angefordert. Öffnen Sie innerhalb einer Stunde diesen Link, um ein neues Passwort zu vergeben:\n\n${url}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.\n\nImmoXX`,
  };
}

export function invitationMail(
  locale: MailLocale,
  inviterName: string,
  tenantName: string,
  roleLabel: string,
  url: string,
): RenderedMail {
  if (locale === 'en') {
    return {
      subject: `${inviterName} invites you to ${tenantName} on ImmoXX`,
      text: `Hello,\n\n${inviterName} has invited you to join ${tenantName} on ImmoXX as ${roleLabel}. Accept the invitation within 7 days:\n\n${url}\n\nImmoXX`,
    };
  }
  return {
    subject: `${inviterName} lädt Sie zu ${tenantName} bei ImmoXX ein`,
    text: `Hallo,\n\n${inviterName} hat Sie eingeladen, ${tenantName} bei ImmoXX als ${roleLabel} beizutreten. Nehmen Sie die Einladung innerhalb von 7 Tagen an:\n\n${url}\n\nImmoXX`,
  };
}

/** Sent once an hour at most while someone keeps guessing an account's password. */
export function failedSignInsMail(
  locale: MailLocale,
  name: string,
  attempts: number,
  address: string,
  resetUrl: string,
): RenderedMail {
  if (locale === 'en') {
    return {
      subject: 'Failed sign-ins to your ImmoXX account',
      text: `Hello ${name},\n\nthere were ${attempts} failed attempts to sign in to your ImmoXX account from the address ${address}. Further attempts from there now have to wait longer each time; you can still sign in from your own devices.\n\nIf that was not you, choose a new password: ${resetUrl}\n\nImmoXX`,
    };
  }
  return {
    subject: 'Fehlgeschlagene Anmeldungen bei Ihrem ImmoXX-Konto',
    text: `Hallo ${name},\n\nfür Ihr ImmoXX-Konto gab es ${attempts} fehlgeschlagene Anmeldeversuche von der Adresse ${address}. Weitere Versuche von dort müssen nun jedes Mal länger warten; von Ihren eigenen Geräten können Sie sich weiter anmelden.\n\nWenn Sie das nicht waren, vergeben Sie bitte ein neues Passwort: ${resetUrl}\n\nImmoXX`,
  };
}

/** To the owner of an office an operator opened: where it lives, and a link to set a password. */
export function officeOpenedMail(
  name: string,
  officeName: string,
  officeUrl: string,
  setPasswordUrl: string | null,
  validDays: number,
): RenderedMail {
  const access = setPasswordUrl
    ? `Legen Sie innerhalb von ${validDays} Tagen Ihr Passwort fest:\n\n${setPasswordUrl}\n\nDanach melden Sie sich hier an:`
    : 'Sie melden sich mit Ihrem bisherigen ImmoXX-Passwort an:';
  return {
    subject: `Ihr Maklerbüro „${officeName}“ auf ImmoXX ist eingerichtet`,
    text: `Hallo ${name},\n\nder Betreiber der Plattform hat das Maklerbüro „${officeName}“ für Sie eingerichtet; Sie sind seine Inhaberin bzw. sein Inhaber.\n\n${access}\n\n${officeUrl}\n\nImmoXX`,
  };
}
