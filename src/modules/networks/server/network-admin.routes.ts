import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/kernel.js';
import {
  networkDetail as networkDetailSchema,
  networkReport as networkReportSchema,
  networkSummary,
  poolQuery,
  poolView,
  routedLeadView,
  routingInput,
  routingView,
} from '../contract.js';
import { networkLead, networkLeadRule } from '../schema.js';
import { administeredNetworks, requireNetworkAdmin, withNetwork } from './network-context.js';
import {
  networkDetail,
  networkReport,
  officeNames,
  readPool,
  readRouting,
  saveRouting,
} from './network-service.js';

/**
 * The network administrators' API. Signed in is all the access rule can say, since administering
 * a network is not an office role; each route then checks the user administers `:networkId`.
 */
export const networkAdminRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const config = { access: 'authenticated' } as const;
  const params = z.object({ networkId: z.string().max(100) });

  app.get(
    '/administered',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'The networks the signed-in user administers',
        response: { 200: z.object({ networks: z.array(networkSummary) }) },
      },
    },
    async (request) => ({ networks: await administeredNetworks(platform, request.auth!.user.id) }),
  );

  app.get(
    '/:networkId',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'The network with its members and what each shares',
        params,
        response: { 200: networkDetailSchema },
      },
    },
    async (request) => networkDetail(platform, await requireNetworkAdmin(platform, request)),
  );

  app.get(
    '/:networkId/report',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Figures per member office and month (of the offices that share them) and routed leads',
        params,
        response: { 200: networkReportSchema },
      },
    },
    async (request) => networkReport(platform, await requireNetworkAdmin(platform, request)),
  );

  app.get(
    '/:networkId/pool',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: "The network's listing pool",
        params,
        querystring: poolQuery,
        response: { 200: poolView },
      },
    },
    async (request) => readPool(platform, await requireNetworkAdmin(platform, request), request.query),
  );

  app.get(
    '/:networkId/routing',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Lead routing rules in order, and the office that takes what no rule takes',
        params,
        response: { 200: routingView },
      },
    },
    async (request) => readRouting(platform, await requireNetworkAdmin(platform, request)),
  );

  app.put(
    '/:networkId/routing',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Replace the lead routing rules (their order is their priority)',
        params,
        body: routingInput,
        response: { 200: routingView },
      },
    },
    async (request) => saveRouting(platform, await requireNetworkAdmin(platform, request), request.body),
  );

  app.get(
    '/:networkId/leads',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'The latest routed leads: where each went and by which rule (no personal data)',
        params,
        response: { 200: routedLeadView },
      },
    },
    async (request) => {
      const networkId = await requireNetworkAdmin(platform, request);
      const rows = await withNetwork(platform.database, networkId, (tx) =>
        tx
          .select({ lead: networkLead, position: networkLeadRule.position })
          .from(networkLead)
          .leftJoin(networkLeadRule, eq(networkLeadRule.id, networkLead.ruleId))
          .orderBy(desc(networkLead.createdAt))
          .limit(100),
      );
      const names = await officeNames(platform, [...new Set(rows.map((r) => r.lead.targetTenantId))]);
      return {
        leads: rows.map(({ lead, position }) => ({
          id: lead.id,
          officeName: names.get(lead.targetTenantId) ?? '',
          postalCode: lead.postalCode,
          marketingType: lead.marketingType,
          objectType: lead.objectType,
          byRule: position,
          createdAt: lead.createdAt.toISOString(),
        })),
      };
    },
  );
};
