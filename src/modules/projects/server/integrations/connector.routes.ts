import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../../platform/http/access-control.js';
import type { Platform } from '../../../../platform/kernel.js';
import { connectorInput, connectorSchema, pullResultSchema } from '../../integration-contract.js';
import type { PlaneConnector } from './plane-connector.js';

const access = { permission: 'projects.integrations' } as const;

/** The office's Plane connection: settings (key write-only), first mirror, pull of Plane's changes. */
export const connectorRoutes: FastifyPluginAsyncZod<{ platform: Platform; plane: PlaneConnector }> = async (
  app,
  { platform, plane },
) => {
  app.get(
    '/connectors/plane',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'The Plane connection, or null (the API key is never returned)',
        response: { 200: z.object({ connector: connectorSchema.nullable() }) },
      },
    },
    async (request) => ({ connector: await plane.view(tenantContext(platform, request)) }),
  );

  app.put(
    '/connectors/plane',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Connect or change the Plane project; checked with one call to Plane before it is saved',
        body: connectorInput,
        response: { 200: connectorSchema },
      },
    },
    async (request) => plane.save(tenantContext(platform, request), request.body),
  );

  app.delete(
    '/connectors/plane',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Disconnect Plane (the work items in Plane stay)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await plane.remove(tenantContext(platform, request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/connectors/plane/push-all',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Queue every task of the office for transfer to Plane (the first mirror)',
        response: { 202: z.object({ queued: z.number() }) },
      },
    },
    async (request, reply) => reply.status(202).send(await plane.pushAll(tenantContext(platform, request))),
  );

  app.post(
    '/connectors/plane/pull',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Take over the changes made in Plane since the last exchange (conflicts stay as in ImmoXX)',
        response: { 200: pullResultSchema },
      },
    },
    async (request) => plane.pull(tenantContext(platform, request)),
  );
};
