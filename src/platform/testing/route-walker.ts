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

/** The `inject` options that send a walk step (method, URL, sampled body and its type). */
export function stepRequest(step: WalkStep) {
  return {
    // inject's method type is a union of literals; the catalogue holds them as strings.
    method: step.method as 'GET',
    url: step.url,
    ...(step.payload !== undefined ? { payload: step.payload as string } : {}),
    ...(step.contentType ? { headers: { 'content-type': step.contentType } } : {}),
  };
}

/** Puts the other tenant's ids into body fields of the same name (`propertyId`, `contactIds` …). */
function withForeignIds(value: unknown, bodyIds: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withForeignIds(v, bodyIds));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const single = bodyIds[key];
    const plural = key.endsWith('Ids') ? bodyIds[key.slice(0, -1)] : undefined;
    out[key] = single ?? (plural ? [plural] : withForeignIds(child, bodyIds));
  }
  return out;
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
  bodyIds: Record<string, string> = {},
): WalkStep[] {
  const steps: WalkStep[] = [];
  for (const route of routeCatalog(app).filter(filter)) {
    const sampled = sampleBody(app, route);
    const contentType = sampled.contentType;
    const payload =
      contentType === 'application/json' ? withForeignIds(sampled.payload, bodyIds) : sampled.payload;
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
