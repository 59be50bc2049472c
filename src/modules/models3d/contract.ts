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
  source: z.enum(['vorlage', 'text', 'programm', 'modell']),
  revision: z.number(),
  figures: figuresSchema,
  glb: z.object({
    url: z.string(),
    triangles: z.number(),
    vertices: z.number(),
    bytes: z.number(),
    millis: z.number(),
  }),
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
