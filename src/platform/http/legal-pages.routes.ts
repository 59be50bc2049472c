import { eq } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { tenant } from '../auth/auth.schema.js';
import type { Platform } from '../kernel.js';
import { renderImprintPage, renderPrivacyPage } from '../tenancy/legal-notice.js';

/** The office's Impressum and privacy notice, linked from every public page and customer mail. */
export const legalPagesRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  const settingsOf = async (slug: string) => {
    const [row] = await platform.database.db
      .select({ id: tenant.id })
      .from(tenant)
      .where(eq(tenant.slug, slug));
    return row ? platform.tenantSettings.get(row.id) : null;
  };
  const send = (reply: FastifyReply, html: string | null) =>
    html === null
      ? reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><html lang="de"><meta charset="utf-8"><title>Nicht gefunden</title><h1>Dieses Maklerbüro gibt es hier nicht.</h1></html>',
          )
      : reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(html);

  app.get<{ Params: { slug: string } }>('/impressum/:slug', async (request, reply) => {
    const s = await settingsOf(request.params.slug);
    return send(reply, s ? renderImprintPage(s, s.primaryColor) : null);
  });
  app.get<{ Params: { slug: string } }>('/datenschutz/:slug', async (request, reply) => {
    const s = await settingsOf(request.params.slug);
    return send(reply, s ? renderPrivacyPage(s, s.primaryColor) : null);
  });
};
