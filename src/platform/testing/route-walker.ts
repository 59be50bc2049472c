import type { FastifyInstance } from 'fastify';
import { sample } from 'openapi-sampler';
import { type CatalogRoute, routeCatalog } from '../http/access-control.js';

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type OpenApiDocument = { paths?: Record<string, Record<string, OpenApiOperation>> } & Record<string, unknown>;

export interface WalkStep {
  route: CatalogRoute;
  method: string;
  url: string;
  payload: unknown;
  contentType: string | undefined;
}

/** `/api/x/:id/y` → the OpenAPI path `/api/x/{id}/y`. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A request body that matches the route's documented schema (as far as a sampler can). */
export function sampleBody(
  app: FastifyInstance,
  route: CatalogRoute,
): { payload: unknown; contentType: string | undefined } {
  const spec = app.swagger() as unknown as OpenApiDocument;
  const operation = spec.paths?.[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
  const content = operation?.requestBody?.content ?? {};
  const json = content['application/json'];
  if (json?.schema) {
    return {
      payload: sample(json.schema as Parameters<typeof sample>[0], { skipReadOnly: true }, spec as never),
      contentType: 'application/json',
    };
  }
  const other = Object.keys(content)[0];
  // Binary uploads: a tiny PNG stands in for any file.
  if (other) return { payload: Buffer.from(TINY_PNG, 'base64'), contentType: other };
  return { payload: undefined, contentType: undefined };
}

export const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * Every catalogued route, once per candidate id for each path parameter (so a route with
 * `:memberId` is tried with every id of the other tenant).
 */
export function walkRoutes(
  app: FastifyInstance,
  ids: readonly string[],
  filter: (route: CatalogRoute) => boolean,
): WalkStep[] {
  const steps: WalkStep[] = [];
  for (const route of routeCatalog(app).filter(filter)) {
    const { payload, contentType } = sampleBody(app, route);
    const params = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    if (params.length === 0) {
      steps.push({ route, method: route.method, url: route.url, payload, contentType });
      continue;
    }
    for (const id of ids) {
      const url = params.reduce((u, p) => u.replace(`:${p}`, encodeURIComponent(id)), route.url);
      steps.push({ route, method: route.method, url, payload, contentType });
    }
  }
  return steps;
}
