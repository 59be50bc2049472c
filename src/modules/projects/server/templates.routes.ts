import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { templateInput, templateSchema } from '../contract.js';
import { requestActor } from './actor.js';
import type { TemplateService } from './template-service.js';

const idParams = z.object({ id: z.string().uuid() });

/** The office's workflow templates: the four built-in ones (editable, resettable) and its own. */
export const templateRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  templates: TemplateService;
}> = async (app, { platform, templates }) => {
  app.get(
    '/templates',
    {
      config: { access: { permission: 'projects.read' } },
      schema: {
        tags: ['projects'],
        summary: 'Workflow templates of the office (bounded: four built-in plus its own)',
        response: { 200: z.object({ items: z.array(templateSchema) }) },
      },
    },
    async (request) => ({ items: await templates.list(requestActor(tenantContext(platform, request))) }),
  );

  app.post(
    '/templates',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Create an office template',
        body: templateInput,
        response: { 201: templateSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await templates.create(requestActor(tenantContext(platform, request)), request.body)),
  );

  app.put(
    '/templates/:id',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: 'Replace a template (tasks, relative durations and lags, default assignee roles)',
        params: idParams,
        body: templateInput,
        response: { 200: templateSchema },
      },
    },
    async (request) =>
      templates.update(requestActor(tenantContext(platform, request)), request.params.id, request.body),
  );

  app.post(
    '/templates/:id/reset',
    {
      config: { access: { permission: 'projects.manage' } },
      schema: {
        tags: ['projects'],
        summary: "A built-in template back to ImmoXX's version; an office's own template is deleted",
        params: idParams,
        response: { 200: z.object({ template: templateSchema.nullable() }) },
      },
    },
    async (request) => ({
      template: await templates.reset(requestActor(tenantContext(platform, request)), request.params.id),
    }),
  );
};
