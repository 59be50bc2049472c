import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { RouteAccess } from './request-auth.js';

/**
 * The zod transform plus what an integrator needs per operation: which permission it takes
 * (`x-immoxx-permission`, the scope an API key needs) and how to call it — with a session or an
 * API key for permission routes, a session only for the routes of any signed-in person, nothing
 * for public ones.
 */
export const accessAwareTransform: SwaggerTransform = (input) => {
  const transformed = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const access = (input.route.config as { access?: RouteAccess } | undefined)?.access;
  if (!access) return transformed;
  if (access === 'public') return { ...transformed, schema: { ...transformed.schema, security: [] } };
  if (typeof access !== 'object') return transformed;
  return {
    ...transformed,
    schema: {
      ...transformed.schema,
      security: [{ session: [] as string[] }, { apiKey: [access.permission] }] as Record<string, string[]>[],
      'x-immoxx-permission': access.permission,
    },
  };
};
