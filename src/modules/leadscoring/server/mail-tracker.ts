import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import type { MailTracker } from '../../../platform/mail/mail-service.js';
import { trackMail } from '../domain/tracked-mail.js';
import { trackedMail, trackingVisitor } from '../schema.js';

/** The sealed links are bound to their mail: a row copied to another mail does not open. */
export const sealLinks = (platform: Platform, mailId: string, links: string[]) =>
  platform.secretBox.encrypt(JSON.stringify(links), `leadscoring-mail:${mailId}`);
export const openLinks = (platform: Platform, mailId: string, sealed: string): string[] =>
  JSON.parse(platform.secretBox.decrypt(sealed, `leadscoring-mail:${mailId}`)) as string[];

/**
 * Measures a customer mail only for a contact who consented to measurement on the office's
 * pages (a consented visitor tied to the contact). Everybody else gets the mail as written:
 * no tracked link, no pixel, nothing stored.
 */
export function mailTracker(platform: Platform): MailTracker {
  return async (mail) => {
    const consented = await platform.database.withTenant(mail.tenantId, async (tx) => {
      const [visitor] = await tx
        .select({ id: trackingVisitor.id })
        .from(trackingVisitor)
        .where(eq(trackingVisitor.contactId, mail.contactId))
        .limit(1);
      return Boolean(visitor);
    });
    // A mail that already has its own HTML is left alone rather than rebuilt from its text.
    if (!consented || mail.html) return { text: mail.text, html: mail.html };
    const token = randomBytes(18).toString('base64url');
    const base = platform.publicUrl;
    const result = trackMail(mail.text, (i) => `${base}/t/k/${token}/${i}`, `${base}/t/o/${token}.gif`);
    await platform.database.withTenant(mail.tenantId, (tx) =>
      tx.insert(trackedMail).values({
        id: mail.mailId,
        tenantId: mail.tenantId,
        contactId: mail.contactId,
        token,
        linksSealed: sealLinks(platform, mail.mailId, result.links),
        purpose: mail.purpose,
      }),
    );
    return { text: result.text, html: result.html };
  };
}
