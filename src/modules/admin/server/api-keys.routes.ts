import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOT_FOR_KEYS } from '../../../platform/auth/api-keys.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { nextDay, startOfBerlinDay } from '../../../platform/time/berlin-day.js';
import { apiKeyListSchema, apiKeySchema, createApiKeyBody, issuedApiKeySchema } from '../contract.js';

const config = { access: { permission: 'admin.api_keys.manage' } } as const;

/** Office API keys for integrations: issue (shown once), list, revoke. */
export const apiKeyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: "The office's API keys (never the keys themselves) and the rights a key may get",
        response: { 200: apiKeyListSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const titles = new Map<string, { de: string; en: string }>(
        platform.modules.enabled.map((m) => [m.id, m.title]),
      );
      const scopes = platform.permissions
        .all()
        .filter((p) => platform.permissions.allows(ctx.auth.role, p.id) && !NOT_FOR_KEYS.includes(p.id))
        .map((p) => ({
          id: p.id,
          module: p.module,
          moduleTitle: titles.get(p.module) ?? { de: p.module, en: p.module },
          label: p.label,
        }));
      return { items: await platform.apiKeys.list(ctx), scopes };
    },
  );

  app.post(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Issue an API key with the given rights; the answer carries the key, shown this once',
        body: createApiKeyBody,
        response: { 201: issuedApiKeySchema },
      },
    },
    async (request, reply) => {
      const { name, scopes, expiresOn } = request.body;
      const issued = await platform.apiKeys.issue(tenantContext(platform, request), {
        name,
        scopes,
        expiresAt: expiresOn ? startOfBerlinDay(nextDay(expiresOn)) : null,
      });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/:id',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key; requests with it are refused from now on',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: apiKeySchema },
      },
    },
    async (request) => platform.apiKeys.revoke(tenantContext(platform, request), request.params.id),
  );
};
