import { z } from 'zod';

export const officeRow = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  createdAt: z.string(),
  active: z.boolean(),
  plan: z.string().nullable(),
  planStatus: z.string().nullable(),
  users: z.number(),
  listings: z.number(),
  storageBytes: z.number(),
  /** AI cost of the current calendar month, in millionths of a US dollar. */
  aiCostMicros: z.number(),
  /** The newest entry of the office's audit log: what someone last changed there. */
  lastActivityAt: z.string().nullable(),
  /** The owner allows support to work in the office until then; null without consent. */
  supportAccessUntil: z.string().nullable(),
  /** The owner asked for the office to be deleted: it is, after this. */
  deleteAfter: z.string().nullable(),
});
export type OfficeRow = z.infer<typeof officeRow>;

export const officeList = z.object({
  items: z.array(officeRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type OfficeList = z.infer<typeof officeList>;

export const officeListQuery = z.object({
  q: z.string().trim().max(120).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  status: z.enum(['all', 'active', 'deactivated']).default('all'),
});

export const systemHealth = z.object({
  version: z.object({ app: z.string(), node: z.string(), commit: z.string().nullable() }),
  uptimeSeconds: z.number(),
  memoryRssBytes: z.number(),
  database: z.object({ kind: z.string(), latencyMs: z.number(), ok: z.boolean() }),
  jobs: z.object({
    engine: z.string(),
    queued: z.number(),
    running: z.number(),
    dead: z.number(),
    failedLast24h: z.number(),
    /** How long the oldest job that is due has waited; a growing figure means workers lag. */
    oldestDueSeconds: z.number().nullable(),
    deadByName: z.array(z.object({ name: z.string(), count: z.number() })),
  }),
  disk: z.object({ writable: z.boolean(), freeBytes: z.number().nullable() }),
  mail: z.object({ online: z.boolean(), queued: z.number(), failed: z.number(), sentLast24h: z.number() }),
  offices: z.object({ total: z.number(), deactivated: z.number() }),
});
export type SystemHealth = z.infer<typeof systemHealth>;

export const usageSeries = z.object({
  days: z.array(
    z.object({
      day: z.string(),
      newOffices: z.number(),
      newListings: z.number(),
      aiCostMicros: z.number(),
      mailsSent: z.number(),
    }),
  ),
});
export type UsageSeries = z.infer<typeof usageSeries>;

export const operatorLog = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      userEmail: z.string(),
      method: z.string(),
      path: z.string(),
      statusCode: z.string(),
      tenantId: z.string().nullable(),
    }),
  ),
});
export type OperatorLog = z.infer<typeof operatorLog>;
