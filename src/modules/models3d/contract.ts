import { z } from 'zod';
import { buildingModelSchema } from './domain/building-model.js';
import { roomProgramSchema } from './domain/room-program.js';

export const templateParamsSchema = z.object({
  livingArea: z.number().min(15).max(1000).optional(),
  storeyHeight: z.number().min(2.2).max(4).optional(),
  balcony: z.boolean().optional(),
});

export const generateSchema = z.object({
  propertyId: z.string().uuid().nullable().default(null),
  name: z.string().trim().min(1).max(120).optional(),
  source: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('vorlage'),
      templateId: z.string().max(40),
      params: templateParamsSchema.default({}),
    }),
    z.object({
      kind: z.literal('text'),
      text: z.string().trim().min(3, 'Bitte beschreiben Sie die Immobilie.').max(2000),
    }),
    z.object({ kind: z.literal('programm'), program: roomProgramSchema }),
    z.object({ kind: z.literal('modell'), model: buildingModelSchema }),
  ]),
});

const figuresSchema = z.object({
  floors: z.number(),
  rooms: z.number(),
  floorArea: z.number(),
  livingArea: z.number(),
  width: z.number(),
  depth: z.number(),
  height: z.number(),
});

export const modelSummarySchema = z.object({
  id: z.string(),
  propertyId: z.string().nullable(),
  name: z.string(),
  source: z.enum(['vorlage', 'text', 'programm', 'modell', 'grundriss']),
  revision: z.number(),
  figures: figuresSchema,
  glb: z.object({
    url: z.string(),
    triangles: z.number(),
    vertices: z.number(),
    bytes: z.number(),
    millis: z.number(),
  }),
  thumbnailUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const modelDetailSchema = modelSummarySchema.extend({
  model: buildingModelSchema,
  sourceInput: z.record(z.string(), z.unknown()),
});
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  floors: z.number(),
  figures: figuresSchema,
});

export const planViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  fileName: z.string(),
  propertyId: z.string().nullable(),
  status: z.enum(['wartet', 'laeuft', 'fertig', 'fehler']),
  progress: z.number(),
  step: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  modelId: z.string().nullable(),
  reading: z.record(z.string(), z.unknown()).nullable(),
  underlayUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type PlanView = z.infer<typeof planViewSchema>;

const coordinate = z.coerce.number().finite().min(0).max(100_000);
/** Upload options in the query (the body is the file); the reference line is all or nothing. */
export const planUploadQuerySchema = z
  .object({
    fileName: z.string().trim().min(1).max(255).default('grundriss'),
    name: z.string().trim().min(1).max(120).optional(),
    propertyId: z.string().uuid().optional(),
    /** Add the plan as the next floor of this model (its listing applies) instead of a new model. */
    modelId: z.string().uuid().optional(),
    floorName: z.string().trim().min(1).max(60).optional(),
    refX1: coordinate.optional(),
    refY1: coordinate.optional(),
    refX2: coordinate.optional(),
    refY2: coordinate.optional(),
    refMetres: z.coerce.number().finite().min(0.1).max(500).optional(),
  })
  .superRefine((q, ctx) => {
    const parts = [q.refX1, q.refY1, q.refX2, q.refY2, q.refMetres];
    const given = parts.filter((p) => p !== undefined).length;
    if (given !== 0 && given !== parts.length)
      ctx.addIssue({
        code: 'custom',
        path: ['refMetres'],
        message:
          'Für die Referenzstrecke braucht es beide Punkte (refX1, refY1, refX2, refY2) und refMetres.',
      });
    if (given === parts.length && q.refX1 === q.refX2 && q.refY1 === q.refY2)
      ctx.addIssue({
        code: 'custom',
        path: ['refX2'],
        message: 'Die Referenzpunkte dürfen nicht gleich sein.',
      });
  });
