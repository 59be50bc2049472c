import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageBody, type SortKey, seekPlan } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { property } from '../../crm/schema.js';
import { propertyDefaultsSchema, scenarioRequestSchema, scenarioSchema } from '../contract.js';
import { stateFromPostalCode } from '../domain/state-from-postal-code.js';
import { financeScenario } from '../schema.js';
import { calculateScenario } from './scenario-calculation.js';

/** Houses that count as Einfamilienhaus under § 656c BGB; a Mehrfamilienhaus does not. */
const HOUSE_SUBTYPES = new Set([
  'einfamilienhaus',
  'doppelhaushaelfte',
  'reihenhaus',
  'reihenend',
  'reihenmittel',
  'villa',
  'bungalow',
  'bauernhaus',
  'stadthaus',
  'ferienhaus',
]);

type ScenarioRow = typeof financeScenario.$inferSelect;
const NEWEST_FIRST: SortKey = { key: financeScenario.createdAt, id: financeScenario.id, direction: 'desc' };

const view = (row: ScenarioRow, propertyTitle: string | null) => ({
  id: row.id,
  kind: row.kind as z.infer<typeof scenarioSchema>['kind'],
  name: row.name,
  propertyId: row.propertyId,
  propertyTitle,
  input: row.input,
  summary: row.summary,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/** Scenarios saved on a property (or on their own), and the property's figures to start from. */
export const scenarioRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/properties/:id/defaults',
    {
      config: { access: { permission: 'finance.calculate' } },
      schema: {
        tags: ['finance'],
        summary: "A property's price, rent, year and federal state for the calculators",
        params: z.object({ id: z.string().uuid() }),
        response: { 200: propertyDefaultsSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.select().from(property).where(eq(property.id, request.params.id)),
      );
      if (!row) throw notFound('Objekt');
      const derived = row.country === 'DEU' ? stateFromPostalCode(row.postalCode) : null;
      const state = row.federalState ?? derived;
      return {
        propertyId: row.id,
        title: row.title,
        marketingType: row.marketingType,
        priceCents: row.purchasePriceCents,
        monthlyColdRentCents: row.coldRentCents,
        completionYear: row.yearBuilt,
        state,
        stateSource: row.federalState
          ? ('property' as const)
          : derived
            ? ('postal_code' as const)
            : ('none' as const),
        propertyKind:
          row.objectType === 'wohnung'
            ? ('wohnung' as const)
            : row.objectType === 'haus' && HOUSE_SUBTYPES.has(row.objectSubtype ?? 'einfamilienhaus')
              ? ('einfamilienhaus' as const)
              : ('sonstiges' as const),
        commissionText: row.commissionText,
      };
    },
  );

  app.get(
    '/scenarios',
    {
      config: { access: { permission: 'finance.calculate' } },
      schema: {
        tags: ['finance'],
        summary: 'Saved calculations, newest first; of one property with ?propertyId=',
        querystring: pageQuery(50).extend({ propertyId: z.string().uuid().optional() }),
        response: { 200: pageOf(scenarioSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { propertyId } = request.query;
      const where = propertyId ? eq(financeScenario.propertyId, propertyId) : undefined;
      const plan = seekPlan(NEWEST_FIRST, 'finance_scenario', request.query);
      return ctx.db(async (tx) => {
        const rows = await tx
          .select({ row: financeScenario, title: property.title, sortValue: plan.sortValue })
          .from(financeScenario)
          .leftJoin(property, eq(property.id, financeScenario.propertyId))
          .where(and(where, plan.where))
          .orderBy(...plan.orderBy)
          .limit(plan.limit)
          .offset(plan.offset);
        const page = plan.page(rows, (r) => r.row.id);
        const total = await platform.listTotals.count(tx, ctx.tenantId, financeScenario, where, {
          exact: request.query.exactTotal,
        });
        return pageBody(
          page.items.map((r) => view(r.row, r.title)),
          page,
          total,
          request.query,
        );
      });
    },
  );

  app.get(
    '/scenarios/:id',
    {
      config: { access: { permission: 'finance.calculate' } },
      schema: {
        tags: ['finance'],
        summary: 'One saved calculation',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: scenarioSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [found] = await ctx.db((tx) =>
        tx
          .select({ row: financeScenario, title: property.title })
          .from(financeScenario)
          .leftJoin(property, eq(property.id, financeScenario.propertyId))
          .where(eq(financeScenario.id, request.params.id)),
      );
      if (!found) throw notFound('Berechnung');
      return view(found.row, found.title);
    },
  );

  app.post(
    '/scenarios',
    {
      config: { access: { permission: 'finance.scenarios.write' } },
      schema: {
        tags: ['finance'],
        summary: 'Save a calculation (validated and computed again on the server), optionally on a property',
        body: scenarioRequestSchema,
        response: { 201: scenarioSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { kind, name, propertyId } = request.body;
      // The input is calculated again, so a saved scenario can never hold figures the server would not produce.
      const { input, summary } = calculateScenario(kind, request.body.input);
      const row = await ctx.db(async (tx) => {
        let title: string | null = null;
        if (propertyId) {
          const [found] = await tx
            .select({ title: property.title })
            .from(property)
            .where(eq(property.id, propertyId));
          if (!found) throw badRequest('property_not_found', 'Das Objekt gibt es nicht (mehr).');
          title = found.title;
        }
        const [inserted] = await tx
          .insert(financeScenario)
          .values({
            tenantId: ctx.tenantId,
            kind,
            name,
            propertyId,
            input,
            summary,
            createdBy: ctx.auth.user.id,
          })
          .returning();
        return { inserted: inserted as ScenarioRow, title };
      });
      return reply.status(201).send(view(row.inserted, row.title));
    },
  );

  app.delete(
    '/scenarios/:id',
    {
      config: { access: { permission: 'finance.scenarios.write' } },
      schema: {
        tags: ['finance'],
        summary: 'Delete a saved calculation',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const deleted = await ctx.db((tx) =>
        tx
          .delete(financeScenario)
          .where(eq(financeScenario.id, request.params.id))
          .returning({ id: financeScenario.id }),
      );
      if (deleted.length === 0) throw notFound('Berechnung');
      return reply.status(204).send();
    },
  );
};
