import { and, count, eq, gt } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../../platform/kernel.js';
import { machineReason } from '../domain/machine-fetch.js';
import { leadEvent, trackedMail, trackingVisitor } from '../schema.js';
import { openLinks } from './mail-tracker.js';
import { recordLeadEvents } from './record-events.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const TOKEN = /^[A-Za-z0-9_-]{24}$/;

/**
 * Opens and clicks of measured mails. Each is recorded with whether a machine made it
 * (machine-fetch.ts) — those stay visible on the score card but give no points. A contact whose
 * consent was withdrawn since the mail went out is redirected without a record.
 */
export const mailTrackingRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  const find = async (token: string) => {
    if (!TOKEN.test(token)) return null;
    // Public request, tenant unknown until the token is found.
    const [row] = await platform.database.db.select().from(trackedMail).where(eq(trackedMail.token, token));
    return row ?? null;
  };
  const stillConsented = (mail: typeof trackedMail.$inferSelect) =>
    platform.database.withTenant(mail.tenantId, async (tx) => {
      const [visitor] = await tx
        .select({ id: trackingVisitor.id })
        .from(trackingVisitor)
        .where(eq(trackingVisitor.contactId, mail.contactId))
        .limit(1);
      return Boolean(visitor);
    });
  const record = async (
    request: FastifyRequest,
    mail: typeof trackedMail.$inferSelect,
    kind: 'email_open' | 'email_click',
    link: number | null,
  ) => {
    if (!(await stillConsented(mail))) return;
    const recentClicksOfMail =
      kind === 'email_click'
        ? await platform.database.withTenant(mail.tenantId, async (tx) => {
            const [row] = await tx
              .select({ n: count() })
              .from(leadEvent)
              .where(
                and(
                  eq(leadEvent.kind, 'email_click'),
                  eq(leadEvent.session, mail.id),
                  gt(leadEvent.occurredAt, new Date(Date.now() - 2_000)),
                ),
              );
            return row?.n ?? 0;
          })
        : 0;
    const reason = machineReason({
      kind: kind === 'email_open' ? 'open' : 'click',
      method: request.method,
      userAgent: String(request.headers['user-agent'] ?? ''),
      secondsAfterSend: (Date.now() - mail.sentAt.getTime()) / 1000,
      recentClicksOfMail,
    });
    await recordLeadEvents(platform, mail.tenantId, [
      {
        contactId: mail.contactId,
        kind,
        session: mail.id,
        value: link,
        machine: reason !== null,
        source: 'mail',
      },
    ]);
  };

  const pixel = (reply: FastifyReply) =>
    reply
      .type('image/gif')
      .header('cache-control', 'no-store, no-cache, must-revalidate, private')
      .send(PIXEL);

  app.get<{ Params: { file: string } }>('/t/o/:file', async (request, reply) => {
    const mail = await find(request.params.file.replace(/\.gif$/, ''));
    if (mail) await record(request, mail, 'email_open', null);
    // Unknown tokens get the pixel too: a mail program shows no broken image for an old mail.
    return pixel(reply);
  });

  app.get<{ Params: { token: string; index: string } }>('/t/k/:token/:index', async (request, reply) => {
    const mail = await find(request.params.token);
    const index = Number(request.params.index);
    const links = mail ? openLinks(platform, mail.id, mail.linksSealed) : [];
    const target = Number.isInteger(index) ? links[index] : undefined;
    if (!mail || !target)
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="de"><meta charset="utf-8"><title>Link nicht gefunden</title><body style="font-family:system-ui;padding:40px"><h1>Dieser Link ist nicht (mehr) gültig.</h1></body></html>',
        );
    await record(request, mail, 'email_click', index);
    return reply.header('cache-control', 'no-store').redirect(target, 302);
  });
};
