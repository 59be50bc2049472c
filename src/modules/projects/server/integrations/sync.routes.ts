import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../../platform/http/access-control.js';
import type { Platform } from '../../../../platform/kernel.js';
import { projectSchema, taskSchema } from '../../contract.js';
import {
  externalIdParam,
  syncClientInput,
  syncClientSchema,
  syncProjectBody,
  syncResultSchema,
  syncTaskBody,
} from '../../integration-contract.js';
import type { SyncService } from './sync-service.js';

const access = { permission: 'projects.integrations' } as const;
/** Outside systems sync in bursts; per address, generous but bounded. */
const syncConfig = { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } } as const;
const bearer = [{ syncToken: [] }];

/**
 * Inbound sync API for outside project tools, authenticated by the office's sync tokens (not a
 * session), and the owners' routes to issue and revoke those tokens.
 */
export const syncRoutes: FastifyPluginAsyncZod<{ platform: Platform; sync: SyncService }> = async (
  app,
  { platform, sync },
) => {
  const callerOf = async (request: { headers: { authorization?: string }; id: string; ip: string }) => {
    const caller = await sync.authenticate(request.headers.authorization);
    return { caller, actor: sync.actorOf(caller, request.id, request.ip) };
  };

  app.put(
    '/sync/projects/:externalId',
    {
      config: syncConfig,
      schema: {
        tags: ['projects-sync'],
        summary: 'Create or update a project by its external id (idempotent; 409 sync_conflict, see docs)',
        security: bearer,
        params: externalIdParam,
        body: syncProjectBody,
        response: { 200: syncResultSchema, 201: syncResultSchema },
      },
    },
    async (request, reply) => {
      const { caller, actor } = await callerOf(request);
      const result = await sync.putProject(actor, caller.origin, request.params.externalId, request.body);
      return reply.status(result.result === 'created' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/sync/projects/:externalId',
    {
      config: syncConfig,
      schema: {
        tags: ['projects-sync'],
        summary: 'A project by its external id, to merge after a conflict',
        security: bearer,
        params: externalIdParam,
        response: { 200: projectSchema },
      },
    },
    async (request) => {
      const { actor } = await callerOf(request);
      return sync.readProject(actor, request.params.externalId);
    },
  );

  app.put(
    '/sync/tasks/:externalId',
    {
      config: syncConfig,
      schema: {
        tags: ['projects-sync'],
        summary: 'Create or update a task by its external id (idempotent; 409 sync_conflict, see docs)',
        security: bearer,
        params: externalIdParam,
        body: syncTaskBody,
        response: { 200: syncResultSchema, 201: syncResultSchema },
      },
    },
    async (request, reply) => {
      const { caller, actor } = await callerOf(request);
      const result = await sync.putTask(actor, caller.origin, request.params.externalId, request.body);
      return reply.status(result.result === 'created' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/sync/tasks/:externalId',
    {
      config: syncConfig,
      schema: {
        tags: ['projects-sync'],
        summary: 'A task by its external id, to merge after a conflict',
        security: bearer,
        params: externalIdParam,
        response: { 200: taskSchema },
      },
    },
    async (request) => {
      const { actor } = await callerOf(request);
      return sync.readTask(actor, request.params.externalId);
    },
  );

  app.get(
    '/sync-clients',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: "The office's sync tokens (only their last four characters)",
        response: { 200: z.object({ items: z.array(syncClientSchema) }) },
      },
    },
    async (request) => ({ items: await sync.clients(tenantContext(platform, request)) }),
  );

  app.post(
    '/sync-clients',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Issue a sync token for an outside system; the answer shows the token this once',
        body: syncClientInput,
        response: { 201: syncClientSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sync.issue(tenantContext(platform, request), request.body.name)),
  );

  app.post(
    '/sync-clients/:id/revoke',
    {
      config: { access },
      schema: {
        tags: ['projects'],
        summary: 'Revoke a sync token at once',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: syncClientSchema },
      },
    },
    async (request) => sync.revoke(tenantContext(platform, request), request.params.id),
  );
};
