import { and, count, gte, lt, sql, sum } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser } from '../../../platform/auth/auth.schema.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { budgetStateSchema } from '../contract.js';
import { aiGeneration } from '../schema.js';
import { budgetState, readAiSettings } from './ai-settings.js';

const slice = z.object({ key: z.string(), label: z.string(), costUsd: z.number(), calls: z.number() });

/** Costs and calls of one month by provider, type, user and day; cache hit rate; budgets. */
export const usageRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/usage',
    {
      config: { access: { permission: 'ai.usage.read' } },
      schema: {
        tags: ['ai'],
        summary: 'Usage and costs of one month',
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Monat als JJJJ-MM angeben.')
            .optional(),
        }),
        response: {
          200: z.object({
            month: z.string(),
            totalCostUsd: z.number(),
            calls: z.number(),
            cacheHits: z.number(),
            cacheHitRate: z.number().nullable(),
            failed: z.number(),
            fallbacks: z.number(),
            byProvider: z.array(slice),
            byType: z.array(slice),
            byUser: z.array(slice),
            byDay: z.array(z.object({ day: z.string(), costUsd: z.number(), calls: z.number() })),
            budgets: z.array(budgetStateSchema),
          }),
        },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const month =
        request.query.month ?? new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' }).slice(0, 7);
      // The month as Berlin sees it; a plain range keeps the (tenant, created_at) index usable.
      const start = sql`(${`${month}-01`}::timestamp)`;
      const inMonth = and(
        gte(aiGeneration.createdAt, sql`${start} at time zone 'Europe/Berlin'`),
        lt(aiGeneration.createdAt, sql`(${start} + interval '1 month') at time zone 'Europe/Berlin'`),
      );
      const cost = sql<string>`coalesce(${sum(aiGeneration.costMicros)}, 0)`;
      return ctx.db(async (tx) => {
        const group = async (
          column: typeof aiGeneration.provider | typeof aiGeneration.type | typeof aiGeneration.userId,
        ) =>
          tx.select({ key: column, cost, calls: count() }).from(aiGeneration).where(inMonth).groupBy(column);
        const [totals] = await tx
          .select({
            cost,
            calls: count(),
            hits: sql<number>`count(*) filter (where ${aiGeneration.cacheHit})`.mapWith(Number),
            textCalls:
              sql<number>`count(*) filter (where ${aiGeneration.kind} = 'text' and ${aiGeneration.provider} <> 'offline')`.mapWith(
                Number,
              ),
            failed: sql<number>`count(*) filter (where ${aiGeneration.status} = 'fehler')`.mapWith(Number),
            fallbacks: sql<number>`count(*) filter (where ${aiGeneration.fallbackFrom} is not null)`.mapWith(
              Number,
            ),
          })
          .from(aiGeneration)
          .where(inMonth);
        const users = await tx.select({ id: authUser.id, name: authUser.name }).from(authUser);
        const names = new Map(users.map((u) => [u.id, u.name]));
        const toSlice = (
          rows: { key: string | null; cost: string; calls: number }[],
          label: (k: string) => string,
        ) =>
          rows
            .map((r) => ({
              key: r.key ?? '–',
              label: label(r.key ?? '–'),
              costUsd: Number(r.cost) / 1_000_000,
              calls: r.calls,
            }))
            .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls);
        const day = sql<string>`to_char(${aiGeneration.createdAt} at time zone 'Europe/Berlin', 'YYYY-MM-DD')`;
        const byDay = await tx
          .select({ day, cost, calls: count() })
          .from(aiGeneration)
          .where(inMonth)
          .groupBy(day)
          .orderBy(day);
        const settings = await readAiSettings(tx);
        const perProvider = await group(aiGeneration.provider);
        const spentBy = new Map(perProvider.map((r) => [r.key, Number(r.cost)]));
        const totalMicros = Number(totals?.cost ?? 0);
        return {
          month,
          totalCostUsd: totalMicros / 1_000_000,
          calls: totals?.calls ?? 0,
          cacheHits: totals?.hits ?? 0,
          cacheHitRate: totals?.textCalls ? (totals.hits ?? 0) / totals.textCalls : null,
          failed: totals?.failed ?? 0,
          fallbacks: totals?.fallbacks ?? 0,
          byProvider: toSlice(perProvider, (k) => k),
          byType: toSlice(await group(aiGeneration.type), (k) => k),
          byUser: toSlice(await group(aiGeneration.userId), (k) => names.get(k) ?? 'unbekannt'),
          byDay: byDay.map((d) => ({ day: d.day, costUsd: Number(d.cost) / 1_000_000, calls: d.calls })),
          budgets: [
            budgetState('gesamt', settings.tenant?.monthlyBudgetMicros ?? null, totalMicros),
            ...settings.providers
              .filter((p) => p.monthlyBudgetMicros != null)
              .map((p) => budgetState(p.provider, p.monthlyBudgetMicros, spentBy.get(p.provider) ?? 0)),
          ],
        };
      });
    },
  );
};
