import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Serves the built client; returns the SPA's index.html for deep links, or null if not built. */
export async function installWebStatic(app: FastifyInstance): Promise<string | null> {
  const indexPath = `${WEB_DIST}/index.html`;
  if (!existsSync(indexPath)) return null;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: false,
    setHeaders(reply, path) {
      // Vite fingerprints assets, so they can be cached for good; index.html must not be.
      if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  return readFileSync(indexPath, 'utf8');
}
