import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { complianceSchema, textRequestSchema } from '../contract.js';
import { checkListingText } from '../domain/compliance/check-listing-text.js';
import { loadFacts } from './load-facts.js';
import type { TextService } from './text-service.js';

/** One budget of AI calls per user and minute, shared by texts, images and videos. */
export const perUserRateLimit = (platform: Platform) => ({
  max: platform.config.env.AI_RATE_LIMIT_PER_MINUTE,
  timeWindow: '1 minute',
  // After authentication, so the key is the user and not the office's shared IP address.
  hook: 'preHandler' as const,
  keyGenerator: (request: { auth?: { user: { id: string } } | null; ip: string }) =>
    `ai:${request.auth?.user.id ?? request.ip}`,
});

/**
 * `POST /api/ai/generate/text` streams NDJSON: a `start` line (provider, model, offline,
 * cache, fallback, budget warnings), `delta` lines as the text arrives, then `done` with the
 * stored generation and its compliance check — or `error`. Refusals (validation, budget,
 * every provider down) come before the stream as ordinary JSON errors.
 */
export const generateRoutes: FastifyPluginAsyncZod<{ platform: Platform; texts: TextService }> = async (
  app,
  { platform, texts },
) => {
  const perUser = perUserRateLimit(platform);

  app.post(
    '/generate/text',
    {
      config: { access: { permission: 'ai.generate' }, rateLimit: perUser },
      schema: {
        tags: ['ai'],
        summary: 'Generate a text (streamed as NDJSON events)',
        body: textRequestSchema,
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const run = await texts.start(ctx, request.body);
      const out = new PassThrough();
      // The run is drained even if the client goes away: the provider has been called and the
      // generation (with its cost) must be recorded.
      void (async () => {
        try {
          for await (const event of run) out.write(`${JSON.stringify(event)}\n`);
        } catch (error) {
          request.log.error({ err: error }, 'AI text stream failed');
          out.write(
            `${JSON.stringify({ type: 'error', code: 'stream_failed', message: 'Die Erzeugung ist abgebrochen.' })}\n`,
          );
        } finally {
          out.end();
        }
      })();
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.post(
    '/compliance/check',
    {
      config: { access: { permission: 'ai.history.read' }, readOnly: true },
      schema: {
        tags: ['ai'],
        summary: 'Check a listing text for AGG, GEG § 87 and unverifiable claims',
        body: z.object({
          text: z.string().max(20_000),
          propertyId: z.string().uuid(),
          language: z.enum(['de', 'en', 'fr', 'it']).default('de'),
        }),
        response: { 200: complianceSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const facts = await loadFacts(platform, ctx, { propertyId: request.body.propertyId });
      if (!facts.listing) throw new Error('listing expected');
      return checkListingText(request.body.text, request.body.language, {
        ...facts.listing,
        currentYear: new Date().getFullYear(),
      });
    },
  );
};
