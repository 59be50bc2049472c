import type { FastifyInstance } from 'fastify';
import type { Platform } from '../kernel.js';

/** `/healthz`: the process answers. `/readyz`: the database (and Redis, if used) answer too. */
export function installHealthRoutes(app: FastifyInstance, platform: Platform): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'failed'> = {};
    await platform.database.ping().then(
      () => (checks.database = 'ok'),
      () => (checks.database = 'failed'),
    );
    if (platform.redis) {
      await platform.redis.ping().then(
        () => (checks.redis = 'ok'),
        () => (checks.redis = 'failed'),
      );
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
