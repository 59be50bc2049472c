import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Remembers every registered route so the not-found handler can tell "no such path" (404)
 * from "path exists, wrong method" (405 with an Allow header).
 */
export function trackRoutesForMethodCheck(app: FastifyInstance): (method: string, url: string) => string[] {
  const router = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const upper = method.toUpperCase() as HTTPMethod;
      if (!METHODS.includes(upper)) continue;
      try {
        router.on(upper, route.url, () => undefined);
      } catch {
        // Same route registered again (HEAD/GET pairs); one entry is enough.
      }
    }
  });
  return (method, url) => {
    const path = url.split('?')[0] ?? url;
    return METHODS.filter((m) => m !== method.toUpperCase() && router.find(m, path) !== null);
  };
}
