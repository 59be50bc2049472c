import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  competitorListingsQuery,
  competitorOverview as competitorOverviewView,
  pricePositionView,
  snapshotInput,
  snapshotResult,
} from '../contract.js';
import { alertNewCompetitors } from './competitor-alerts.js';
import { competitorOverview, pricePosition } from './competitor-queries.js';
import { recordSnapshot } from './competitor-snapshot.js';

/** Competitors' listings followed over time: snapshots of their feeds, changes, price position. */
export const competitorsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.post(
    '/competitors/snapshots',
    {
      config: { access: { permission: 'market.write' } },
      schema: {
        tags: ['market'],
        summary:
          "Take in a full snapshot of a competitor's feed (CSV): new listings, price changes, withdrawals; alerts for listings near the office's own",
        body: snapshotInput,
        response: { 200: snapshotResult },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { result, createdListingIds } = await recordSnapshot(ctx, request.body);
      // After the commit: a failed notice must not undo the snapshot.
      const alerts = await alertNewCompetitors(platform, ctx.tenantId, createdListingIds);
      return { ...result, alerts };
    },
  );

  app.get(
    '/competitors',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: 'Competitors with their listings (days on market, price changes) and the latest changes',
        querystring: competitorListingsQuery,
        response: { 200: competitorOverviewView },
      },
    },
    async (request) => tenantContext(platform, request).db((tx) => competitorOverview(tx, request.query)),
  );

  app.get(
    '/competitors/position/:propertyId',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: "An own listing's price per m² among competing offers nearby",
        params: z.object({ propertyId: z.string().uuid() }),
        response: { 200: pricePositionView },
      },
    },
    async (request) =>
      tenantContext(platform, request).db((tx) => pricePosition(tx, request.params.propertyId)),
  );
};
