import formbody from '@fastify/formbody';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../../../platform/http/escape-html.js';
import type { Platform } from '../../../platform/kernel.js';
import { activity } from '../../crm/schema.js';
import { page } from '../../crm/server/secured-expose-html.js';
import { officeInfo } from '../../viewings/server/viewing-context.js';
import { mailingConsent, mailingRecipient } from '../schema.js';
import { hashToken } from './offer-mail.js';

const params = z.object({ token: z.string() });

/**
 * The unsubscribe link under every offer (no login). GET only asks — link scanners open every
 * link in a mail and must not unsubscribe anybody; POST withdraws, also as RFC 8058 one-click.
 */
export const unsubscribeRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  await app.register(formbody, { bodyLimit: 4096 });
  // RFC 8058 allows multipart/form-data for the one-click POST; its content does not matter here.
  app.addContentTypeParser('multipart/form-data', { bodyLimit: 4096 }, (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
  });

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(body);

  async function find(token: string) {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const [row] = await platform.database.db
      .select({ tenantId: mailingRecipient.tenantId, contactId: mailingRecipient.contactId })
      .from(mailingRecipient)
      .where(eq(mailingRecipient.unsubscribeTokenHash, hashToken(token)));
    return row ?? null;
  }
  const invalid = (reply: FastifyReply) =>
    html(
      reply,
      '<!doctype html><html lang="de"><meta charset="utf-8"><meta name="robots" content="noindex"><title>Link ungültig</title><body style="font-family:system-ui;padding:40px"><h1>Dieser Abmeldelink ist nicht (mehr) gültig.</h1><p>Bitte wenden Sie sich an das Maklerbüro, von dem Sie die E-Mail erhalten haben.</p></body></html>',
      404,
    );

  app.get('/abmelden/:token', async (request, reply) => {
    const { token } = params.parse(request.params);
    const found = await find(token);
    if (!found) return invalid(reply);
    const office = await officeInfo(platform, found.tenantId);
    return html(
      reply,
      page(
        office,
        'Keine Angebote mehr erhalten',
        `<h1>Keine Angebote mehr erhalten?</h1>
<div class="card"><p>Mit einem Klick bekommen Sie von ${escapeHtml(office.name)} keine Immobilienangebote mehr per E-Mail. Antworten auf Ihre eigenen Anfragen erhalten Sie weiterhin.</p>
<form method="post" action="/abmelden/${escapeHtml(token)}"><button>Abmelden</button></form></div>`,
      ),
    );
  });

  app.post('/abmelden/:token', async (request, reply) => {
    const { token } = params.parse(request.params);
    const found = await find(token);
    if (!found) return invalid(reply);
    await platform.database.withTenant(found.tenantId, async (tx) => {
      const [revoked] = await tx
        .update(mailingConsent)
        .set({ revokedAt: new Date(), revokedVia: 'abmeldelink' })
        .where(and(eq(mailingConsent.contactId, found.contactId), isNull(mailingConsent.revokedAt)))
        .returning({ id: mailingConsent.id });
      if (!revoked) return;
      await tx.insert(activity).values({
        tenantId: found.tenantId,
        contactId: found.contactId,
        kind: 'system',
        subject: 'Von Angeboten per E-Mail abgemeldet',
        body: 'Über den Abmeldelink in einem Angebotsversand; die Werbeeinwilligung ist widerrufen.',
      });
    });
    const office = await officeInfo(platform, found.tenantId);
    return html(
      reply,
      page(
        office,
        'Abgemeldet',
        `<h1>Sie sind abgemeldet</h1><p class="card" role="status">Sie erhalten von ${escapeHtml(office.name)} keine Immobilienangebote mehr per E-Mail. Falls Sie es sich anders überlegen, sprechen Sie uns einfach an.</p>`,
      ),
    );
  });
};
