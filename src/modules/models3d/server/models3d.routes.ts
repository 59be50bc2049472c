import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound, notImplemented } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { generateSchema, modelDetailSchema, modelSummarySchema, templateSchema } from '../contract.js';
import { buildingModelSchema } from '../domain/building-model.js';
import { modelFigures } from '../domain/geometry.js';
import { TEMPLATES, templateModel } from '../domain/templates.js';
import { exportObj } from './export-obj.js';
import { exportFbx, fbxAvailability } from './fbx/export-fbx.js';
import { detailOf, ModelService, summaryOf } from './model-service.js';
import { PlanService } from './plan-service.js';
import { acceptRawBodies } from './raw-body.js';
import { REVISIONED, sendStored } from './stored-file.js';

const THUMBNAIL_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

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
  acceptRawBodies(app, platform, THUMBNAIL_TYPES);
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
        querystring: pageQuery(50).extend({ propertyId: z.string().uuid().optional() }),
        response: { 200: pageOf(modelSummarySchema) },
      },
    },
    async (request) => {
      const page = await models.list(tenantContext(platform, request), request.query);
      return { ...page, items: page.items.map(summaryOf) };
    },
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
        consumes: [...THUMBNAIL_TYPES],
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
      return sendStored(reply, platform, row.thumbnailKey, {
        'content-type': 'image/jpeg',
        'cache-control': REVISIONED,
      });
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
      return sendStored(reply, platform, row.glbKey, {
        'content-type': 'model/gltf-binary',
        'cache-control': REVISIONED,
      });
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
      return sendStored(reply, platform, row.glbKey, {
        'content-type': 'model/gltf-binary',
        'cache-control': 'public, max-age=300',
      });
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
        return sendStored(reply, platform, row.glbKey, {
          'content-type': 'model/gltf-binary',
          'content-disposition': `attachment; filename="${base}.glb"`,
        });
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
