import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound, notImplemented } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  generateSchema,
  modelDetailSchema,
  modelSummarySchema,
  planUploadQuerySchema,
  planViewSchema,
  templateSchema,
} from '../contract.js';
import { buildingModelSchema } from '../domain/building-model.js';
import { modelFigures } from '../domain/geometry.js';
import { TEMPLATES, templateModel } from '../domain/templates.js';
import { exportObj } from './export-obj.js';
import { exportFbx, fbxAvailability } from './fbx/export-fbx.js';
import { detailOf, ModelService, summaryOf } from './model-service.js';
import { PLAN_MIME_TYPES } from './plan/read-plan.js';
import { PlanService } from './plan-service.js';
import { findPublicModel } from './public-models.js';

const idParams = z.object({ id: z.string().uuid() });
const fileName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase() || 'modell';

/** `/api/3d`: templates, generation from template, text, room program or model; exports. */
export const models3dRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const models = new ModelService(platform);
  const plans = new PlanService(platform);
  // Plans arrive as the raw body; the type is taken from the bytes, not from this header.
  app.addContentTypeParser(
    [...PLAN_MIME_TYPES, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: platform.config.env.UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  const language = (request: { auth: { user: { locale: string } } | null }) =>
    request.auth?.user.locale === 'en' ? 'en' : 'de';

  app.get(
    '/templates',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary: 'Parametric templates with their size at the default parameters',
        response: { 200: z.object({ items: z.array(templateSchema) }) },
      },
    },
    async (request) => ({
      items: TEMPLATES.flatMap((t) => {
        const model = templateModel(t.id);
        if (!model) return [];
        return [
          {
            id: t.id,
            name: t.name[language(request)],
            description: t.description[language(request)],
            floors: t.floors,
            figures: modelFigures(model),
          },
        ];
      }),
    }),
  );

  app.get(
    '/export-formats',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary: 'Which export formats this server offers; FBX needs a Blender binary',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                format: z.enum(['glb', 'obj', 'fbx']),
                available: z.boolean(),
                reason: z.string().nullable(),
                version: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const fbx = await fbxAvailability(platform.config.env.BLENDER_PATH);
      return {
        items: [
          { format: 'glb' as const, available: true, reason: null, version: null },
          { format: 'obj' as const, available: true, reason: null, version: null },
          {
            format: 'fbx' as const,
            available: fbx.available,
            reason: fbx.available ? null : fbx.reason,
            version: fbx.available ? `Blender ${fbx.version}` : null,
          },
        ],
      };
    },
  );

  app.post(
    '/generate',
    {
      config: { access: { permission: 'models3d.write' } },
      schema: {
        tags: ['3d'],
        summary: 'Create a building model (template, description, room program or model) and build its GLB',
        body: generateSchema,
        response: { 201: modelDetailSchema },
      },
    },
    async (request, reply) => {
      const row = await models.generate(tenantContext(platform, request), request.body);
      return reply.status(201).send(detailOf(row));
    },
  );

  app.get(
    '/models',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary: '3D models, newest first (optionally of one property)',
        querystring: z.object({ propertyId: z.string().uuid().optional() }),
        response: { 200: z.object({ items: z.array(modelSummarySchema) }) },
      },
    },
    async (request) => ({
      items: (await models.list(tenantContext(platform, request), request.query.propertyId)).map(summaryOf),
    }),
  );

  app.get(
    '/models/:id',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: {
        tags: ['3d'],
        summary: 'One model with its building model JSON',
        params: idParams,
        response: { 200: modelDetailSchema },
      },
    },
    async (request) => detailOf(await models.get(tenantContext(platform, request), request.params.id)),
  );

  app.put(
    '/models/:id',
    {
      config: { access: { permission: 'models3d.write' } },
      schema: {
        tags: ['3d'],
        summary: 'Save a corrected building model as the next revision; the GLB is rebuilt',
        params: idParams,
        body: z.object({
          model: buildingModelSchema,
          /** The editor rescaled the plan by this factor: the plan images underneath follow. */
          rescaledBy: z.number().positive().min(0.01).max(100).optional(),
        }),
        response: { 200: modelDetailSchema },
      },
    },
    async (request) =>
      detailOf(
        await models.update(
          tenantContext(platform, request),
          request.params.id,
          request.body.model,
          request.body.rescaledBy,
        ),
      ),
  );

  app.delete(
    '/models/:id',
    {
      config: { access: { permission: 'models3d.write' } },
      schema: {
        tags: ['3d'],
        summary: 'Delete a model and its files',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await models.get(ctx, request.params.id);
      await plans.removeForModel(ctx, request.params.id);
      await models.remove(ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/models/:id/thumbnail',
    {
      config: { access: { permission: 'models3d.write' } },
      schema: {
        tags: ['3d'],
        summary: 'Save a view from the viewer (PNG/JPEG/WebP as the raw body) as the model’s preview image',
        consumes: ['image/png', 'image/jpeg', 'image/webp'],
        params: idParams,
        response: { 200: modelSummarySchema },
      },
    },
    async (request) =>
      summaryOf(
        await models.setThumbnail(
          tenantContext(platform, request),
          request.params.id,
          Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        ),
      ),
  );

  app.get(
    '/models/:id/thumbnail.jpg',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: { tags: ['3d'], summary: 'The model’s preview image', params: idParams },
    },
    async (request, reply) => {
      const row = await models.get(tenantContext(platform, request), request.params.id);
      if (!row.thumbnailKey) throw notFound('Vorschaubild');
      return reply
        .header('content-type', 'image/jpeg')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(await platform.files.stream(row.thumbnailKey));
    },
  );

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
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'private, max-age=86400')
        .send(await platform.files.stream(key));
    },
  );

  app.get(
    '/models/:id/model.glb',
    {
      config: { access: { permission: 'models3d.read' } },
      schema: { tags: ['3d'], summary: 'The current GLB of a model', params: idParams },
    },
    async (request, reply) => {
      const row = await models.get(tenantContext(platform, request), request.params.id);
      return reply
        .header('content-type', 'model/gltf-binary')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(await platform.files.stream(row.glbKey));
    },
  );

  app.get(
    '/public/models/:id',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['3d'],
        summary: 'A model of a listing on the market, for the embeddable viewer (404 otherwise)',
        params: idParams,
        response: {
          200: z.object({
            name: z.string(),
            floors: z.array(z.object({ name: z.string(), elevation: z.number() })),
            figures: modelDetailSchema.shape.figures,
            glbUrl: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const row = await findPublicModel(platform, request.params.id);
      if (!row) throw notFound('3D-Modell');
      return {
        name: row.name,
        floors: row.model.floors.map((f) => ({ name: f.name, elevation: f.elevation })),
        figures: row.figures,
        glbUrl: `/api/3d/public/models/${row.id}/model.glb?rev=${row.revision}`,
      };
    },
  );

  app.get(
    '/public/models/:id/model.glb',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['3d'],
        summary: 'The GLB of a model whose listing is on the market',
        params: idParams,
      },
    },
    async (request, reply) => {
      const row = await findPublicModel(platform, request.params.id);
      if (!row) throw notFound('3D-Modell');
      return reply
        .header('content-type', 'model/gltf-binary')
        .header('cache-control', 'public, max-age=300')
        .send(await platform.files.stream(row.glbKey));
    },
  );

  app.post(
    '/models/:id/export',
    {
      // FBX starts a Blender process per call; a burst of exports must not swamp the server.
      config: {
        access: { permission: 'models3d.read' },
        readOnly: true,
        rateLimit: { max: 30, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['3d'],
        summary:
          'Download the model as GLB, as OBJ with its MTL in a ZIP, or as FBX (converted by headless Blender when the server has it)',
        params: idParams,
        body: z.object({ format: z.enum(['glb', 'obj', 'fbx']) }),
      },
    },
    async (request, reply) => {
      const row = await models.get(tenantContext(platform, request), request.params.id);
      const base = fileName(row.name);
      // The current GLB is stored with every revision; it is served, not built again.
      if (request.body.format === 'glb')
        return reply
          .header('content-type', 'model/gltf-binary')
          .header('content-disposition', `attachment; filename="${base}.glb"`)
          .send(await platform.files.stream(row.glbKey));
      if (request.body.format === 'fbx') {
        const fbx = await fbxAvailability(platform.config.env.BLENDER_PATH);
        if (!fbx.available) throw notImplemented('fbx_unavailable', fbx.reason);
        const started = performance.now();
        const data = await exportFbx(platform.config.env.BLENDER_PATH, await platform.files.read(row.glbKey));
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${base}.fbx"`)
          .header('x-conversion-ms', String(Math.round(performance.now() - started)))
          .send(data);
      }
      const { obj, mtl } = exportObj(row.model, `${base}.mtl`);
      const zip = zipSync({ [`${base}.obj`]: strToU8(obj), [`${base}.mtl`]: strToU8(mtl) }, { level: 6 });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${base}-obj.zip"`)
        .send(Buffer.from(zip));
    },
  );
};
