import type { FastifyInstance } from 'fastify';
import type { Platform } from '../kernel.js';

/** Below this the server stops taking uploads soon: reported before writes fail. */
const LOW_SPACE_BYTES = 200 * 1024 * 1024;

/** `/healthz`: the process answers. `/readyz`: the database, file storage (and Redis, if used) work too. */
export function installHealthRoutes(app: FastifyInstance, platform: Platform): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'failed' | 'low_space'> = {};
    await platform.database.ping().then(
      () => (checks.database = 'ok'),
      () => (checks.database = 'failed'),
    );
    const storage = await platform.files.probe();
    checks.storage = !storage.writable
      ? 'failed'
      : storage.freeBytes !== null && storage.freeBytes < LOW_SPACE_BYTES
        ? 'low_space'
        : 'ok';
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
