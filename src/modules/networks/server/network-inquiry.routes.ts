import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../platform/kernel.js';
import { OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import { visitorFormFields } from '../../crm/server/visitor-form-fields.js';
import {
  CONCERNS,
  type Concern,
  findPublicNetwork,
  memberOfficeName,
  routeNetworkInquiry,
} from './network-inquiry.js';
import { renderInquiryPage } from './network-inquiry-page.js';

const inquiryForm = z.object({
  ...visitorFormFields,
  concern: z.enum(Object.keys(CONCERNS) as [Concern, ...Concern[]], {
    message: 'Bitte wählen Sie Ihr Anliegen.',
  }),
  objectType: z
    .enum(OBJECT_TYPES)
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Bitte geben Sie eine fünfstellige Postleitzahl an.'),
  message: z.string().trim().max(4000).default(''),
});

/** The network's public inquiry form at /n/<slug>: routed to the member office its rules name. */
export const networkInquiryRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  await app.register(formbody, { bodyLimit: 32_768 });
  const page = (reply: FastifyReply, html: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(html);
  const notFoundPage = (reply: FastifyReply) =>
    page(
      reply,
      '<!doctype html><html lang="de"><meta charset="utf-8"><title>Nicht gefunden</title><p>Diese Seite gibt es nicht.</p></html>',
      404,
    );

  app.get<{ Params: { slug: string }; Querystring: { an?: string } }>('/n/:slug', async (request, reply) => {
    const network = await findPublicNetwork(platform, request.params.slug);
    if (!network) return notFoundPage(reply);
    // The office is named by id and looked up among the members, so a crafted link cannot name another.
    // A bot's thank-you names the network itself.
    const an = typeof request.query.an === 'string' ? request.query.an.slice(0, 100) : '';
    const sentTo =
      an === 'gesendet' ? network.name : an ? await memberOfficeName(platform, network.id, an) : undefined;
    return page(
      reply,
      renderInquiryPage({ networkName: network.name, slug: network.slug, ...(sentTo ? { sentTo } : {}) }),
    );
  });

  app.post<{ Params: { slug: string }; Body: Record<string, string> }>(
    '/n/:slug',
    { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const network = await findPublicNetwork(platform, request.params.slug);
      if (!network) return notFoundPage(reply);
      const values = typeof request.body === 'object' && request.body !== null ? request.body : {};
      const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));
      const parsed = inquiryForm.safeParse(values);
      if (!parsed.success) {
        // Bots fill the hidden field; they see a thank-you and nothing is stored.
        if (values.website) return reply.redirect(`/n/${network.slug}?an=gesendet`, 303);
        const error = parsed.error.issues.map((i) => i.message).join(' ');
        return page(
          reply,
          renderInquiryPage({ networkName: network.name, slug: network.slug, error, values: shown }),
          400,
        );
      }
      const routed = await routeNetworkInquiry(platform, network, {
        name: parsed.data.name,
        email: parsed.data.email,
        phone: parsed.data.phone,
        postalCode: parsed.data.postalCode,
        concern: parsed.data.concern,
        objectType: parsed.data.objectType,
        message: parsed.data.message,
      });
      if (!routed)
        return page(
          reply,
          renderInquiryPage({
            networkName: network.name,
            slug: network.slug,
            error:
              'Für diese Postleitzahl ist derzeit kein Büro unseres Netzwerks zuständig. Ihre Angaben wurden nicht gespeichert.',
            values: shown,
          }),
          422,
        );
      return reply.redirect(`/n/${network.slug}?an=${encodeURIComponent(routed.tenantId)}`, 303);
    },
  );
};
