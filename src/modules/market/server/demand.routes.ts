import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { demandQuery, demandView } from '../contract.js';
import { demandMap } from './demand-service.js';

/** Demand against supply per postal-code area, for the heat map. */
export const demandRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = platform.config.env;
  const tiles = MAP_TILE_URL ? { url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION } : null;
  app.get(
    '/demand',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary:
          'Search requests, inquiries and viewings against offers per postal-code area (filters: type, price band, window)',
        querystring: demandQuery,
        response: { 200: demandView },
      },
    },
    async (request) => tenantContext(platform, request).db((tx) => demandMap(tx, request.query, tiles)),
  );
};
