import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { planUploadQuerySchema, planViewSchema } from '../contract.js';
import { PLAN_MIME_TYPES } from './plan/read-plan.js';
import { PlanService } from './plan-service.js';
import { acceptRawBodies } from './raw-body.js';
import { sendStored } from './stored-file.js';

const idParams = z.object({ id: z.string().uuid() });

/** `/api/3d` floor-plan uploads: start the reading job, follow it, fetch the plan image. */
export const planRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const plans = new PlanService(platform);
  acceptRawBodies(app, platform, PLAN_MIME_TYPES);

  app.post(
    '/upload',
    {
      config: { access: { permission: 'models3d.write' } },
      schema: {
        tags: ['3d'],
        summary:
          'Upload a floor plan (PNG/JPEG/WebP/PDF as the raw body) to be read by a job into a new model, or with modelId as that model’s next floor; poll GET /plans/:id',
        consumes: [...PLAN_MIME_TYPES],
        querystring: planUploadQuerySchema,
        response: { 202: planViewSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const reference =
        q.refX1 !== undefined &&
        q.refY1 !== undefined &&
        q.refX2 !== undefined &&
        q.refY2 !== undefined &&
        q.refMetres !== undefined
          ? { a: { x: q.refX1, y: q.refY1 }, b: { x: q.refX2, y: q.refY2 }, metres: q.refMetres }
          : undefined;
      const view = await plans.upload(
        tenantContext(platform, request),
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        {
          fileName: q.fileName,
          ...(q.name ? { name: q.name } : {}),
          ...(q.propertyId ? { propertyId: q.propertyId } : {}),
          ...(reference ? { reference } : {}),
          ...(q.modelId
            ? { addTo: { modelId: q.modelId, ...(q.floorName ? { floorName: q.floorName } : {}) } }
            : {}),
        },
      );
      return reply.status(202).send(view);
    },
  );

  app.get(
    '/plans/:id',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary:
          'An uploaded plan: reading progress, the reason when it could not be read, the model when done',
        params: idParams,
        response: { 200: planViewSchema },
      },
    },
    async (request) => plans.get(tenantContext(platform, request), request.params.id),
  );

  app.get(
    '/plans/:id/underlay.png',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary: 'The image the plan was read from (PDF pages rendered), for the editor',
        params: idParams,
      },
    },
    async (request, reply) => {
      const key = await plans.underlayKey(tenantContext(platform, request), request.params.id);
      return sendStored(reply, platform, key, {
        'content-type': 'image/png',
        'cache-control': 'private, max-age=86400',
      });
    },
  );
};
