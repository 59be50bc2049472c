import { AppError } from '../../../platform/http/app-error.js';
import { assertOutboundUrl } from '../../../platform/http/outbound-url.js';
import type { Platform } from '../../../platform/kernel.js';
import type { SmtpInput } from '../contract.js';
import { SmtpError, verifySmtp } from './smtp-send.js';

/**
 * Checks an outgoing server before it is stored, when a mailbox is connected and when SMTP is added
 * later: a public host (unless private endpoints are allowed), a sender address, and a login the
 * server accepts. Gives the sender address; refuses with a 4xx and a sentence otherwise.
 */
export async function checkedSmtp(
  platform: Platform,
  smtp: SmtpInput,
  login: { username: string; password: string },
  fieldPrefix = '',
): Promise<{ smtpHost: string; smtpPort: number; smtpTls: boolean; smtpFrom: string }> {
  const smtpFrom = smtp.smtpFrom ?? (login.username.includes('@') ? login.username : null);
  if (!smtpFrom)
    throw new AppError(
      422,
      'smtp_from_missing',
      'Der Benutzername ist keine E-Mail-Adresse; bitte die Absenderadresse angeben.',
      { field: `${fieldPrefix}smtpFrom` },
    );
  await assertOutboundUrl(`http://${smtp.smtpHost}`, {
    allowPrivate: platform.config.env.INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS,
    field: `${fieldPrefix}smtpHost`,
    privateSetting: 'INTEGRATIONS_ALLOW_PRIVATE_ENDPOINTS',
  });
  try {
    await verifySmtp({ host: smtp.smtpHost, port: smtp.smtpPort, tls: smtp.smtpTls, ...login });
  } catch (error) {
    if (error instanceof SmtpError) throw new AppError(422, 'smtp_refused', error.message);
    throw error;
  }
  return { smtpHost: smtp.smtpHost, smtpPort: smtp.smtpPort, smtpTls: smtp.smtpTls, smtpFrom };
}
