import type { FastifyInstance } from 'fastify';
import { httpDuration, metricsRegistry } from '../observability/metrics-registry.js';

/** Prometheus `/metrics`: process metrics, request durations by route and status, job counters. */
export function installMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
}
