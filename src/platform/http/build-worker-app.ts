import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Platform } from '../kernel.js';
import { installHttpTracing } from '../observability/http-tracing.js';
import { installHealthRoutes } from './health.routes.js';
import { installMetrics } from './metrics.js';

/**
 * ROLE=worker: no product routes, only what an orchestrator and Prometheus ask of it
 * (`/healthz`, `/readyz`, `/metrics`).
 */
export async function buildWorkerApp(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.logger.child({ role: 'worker' }) as FastifyBaseLogger,
    disableRequestLogging: true,
  });
  installMetrics(app);
  if (platform.config.env.OTEL_EXPORTER_OTLP_ENDPOINT) installHttpTracing(app);
  installHealthRoutes(app, platform);
  await app.ready();
  return app;
}
