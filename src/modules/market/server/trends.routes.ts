import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { trendQuery, trendView } from '../contract.js';
import { computeTrends } from './trends-service.js';

/** €/m² over time per town or district (see computeTrends). */
export const trendsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/trends',
    {
      config: { access: { permission: 'market.read' } },
      schema: {
        tags: ['market'],
        summary: 'Price per m² over time (median, IQR, count) per town or district and type',
        querystring: trendQuery,
        response: { 200: trendView },
      },
    },
    async (request) => {
      return tenantContext(platform, request).db((tx) => computeTrends(tx, request.query));
    },
  );
};
