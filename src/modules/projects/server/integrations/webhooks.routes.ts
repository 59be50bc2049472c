import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../../platform/http/access-control.js';
import type { Platform } from '../../../../platform/kernel.js';
import {
  deliverySchema,
  WEBHOOK_EVENTS,
  webhookInput,
  webhookPatch,
  webhookSchema,
  webhookWithSecret,
} from '../../integration-contract.js';
import type { WebhookService } from './webhook-service.js';

const idParams = z.object({ id: z.string().uuid() });
const access = { permission: 'projects.integrations' } as const;

/** Outbound webhooks per office: subscriptions, secret rotation, delivery log with replay. */
export const webhookRoutes: FastifyPluginAsyncZod<{ platform: Platform; webhooks: WebhookService }> = async (
  app,
  { platform, webhooks },
) => {
  app.get(
    '/webhooks/events',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'The event types a webhook can subscribe to, with their German labels',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), label: z.string() })) }) },
      },
    },
    async () => ({ items: Object.entries(WEBHOOK_EVENTS).map(([id, label]) => ({ id, label })) }),
  );

  app.get(
    '/webhooks',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: "The office's webhooks with their last delivery (secrets are never returned)",
        response: { 200: z.object({ items: z.array(webhookSchema) }) },
      },
    },
    async (request) => ({ items: await webhooks.list(tenantContext(platform, request)) }),
  );

  app.post(
    '/webhooks',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Create a webhook; the answer carries its signing secret, shown this once',
        body: webhookInput,
        response: { 201: webhookWithSecret },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await webhooks.create(tenantContext(platform, request), request.body)),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Change name, URL, events or switch a webhook on or off',
        params: idParams,
        body: webhookPatch,
        response: { 200: webhookSchema },
      },
    },
    async (request) => webhooks.update(tenantContext(platform, request), request.params.id, request.body),
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Delete a webhook with its delivery log',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await webhooks.remove(tenantContext(platform, request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'New signing secret (shown once); the old one is still signed with for 24 hours',
        params: idParams,
        response: { 200: webhookWithSecret },
      },
    },
    async (request) => webhooks.rotate(tenantContext(platform, request), request.params.id),
  );

  app.post(
    '/webhooks/:id/ping',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Send a signed test event ("ping") to the receiver',
        params: idParams,
        response: { 202: deliverySchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await webhooks.ping(tenantContext(platform, request), request.params.id)),
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'The last 100 deliveries of a webhook, newest first',
        params: idParams,
        querystring: z.object({ status: z.enum(['pending', 'succeeded', 'failed']).optional() }),
        response: { 200: z.object({ items: z.array(deliverySchema) }) },
      },
    },
    async (request) => ({
      items: await webhooks.deliveries(
        tenantContext(platform, request),
        request.params.id,
        request.query.status,
      ),
    }),
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/replay',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Send a delivered or failed event again (same event id, fresh signature)',
        params: idParams.extend({ deliveryId: z.string().uuid() }),
        response: { 202: deliverySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await webhooks.replay(
            tenantContext(platform, request),
            request.params.id,
            request.params.deliveryId,
          ),
        ),
  );
};
