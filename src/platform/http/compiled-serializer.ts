import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * fast-json-stringify picks an `anyOf` branch by validating the value against each branch,
 * which is slow; a nullable primitive needs no such choice and becomes a type list instead.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length === 2 && Object.keys(out).length === 1) {
    const nullBranch = anyOf.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = anyOf[1 - nullBranch];
    if (nullBranch >= 0 && other && Object.keys(other).length === 1 && PRIMITIVES.has(String(other.type)))
      return { type: [other.type, 'null'] };
  }
  return out;
}

/** The JSON schema of a response's zod schema, or null when zod cannot express it (transforms, dates). */
export function responseJsonSchema(schema: z.ZodType): JsonSchema | null {
  try {
    return simplify(z.toJSONSchema(schema, { io: 'output', target: 'draft-7' })) as JsonSchema;
  } catch {
    return null;
  }
}

/**
 * Responses are written by fast-json-stringify, compiled once per route from the route's zod
 * schema (issue 19): zod stays the one source of the contract, but 25 list rows are no longer
 * parsed and rebuilt by zod on every request. Keys the schema does not name are left out, as
 * zod's parse did. With `validate` (tests and development) zod still checks every response
 * first, so a handler that breaks its contract fails loudly before the fast path hides it.
 * Schemas zod cannot express as JSON schema keep zod's serializer.
 */
export function compiledSerializerCompiler(options: {
  validate: boolean;
}): FastifySerializerCompiler<z.ZodType> {
  return (route) => {
    const zodSchema = route.schema;
    const jsonSchema = zodSchema instanceof z.ZodType ? responseJsonSchema(zodSchema) : null;
    const zodSerialize = zodSerializerCompiler(route);
    if (!jsonSchema) return zodSerialize;
    let stringify: (data: unknown) => string;
    try {
      stringify = fastJson(jsonSchema);
    } catch {
      return zodSerialize;
    }
    if (!options.validate) return stringify;
    return (data) => {
      zodSerialize(data); // throws ResponseSerializationError on a contract breach
      return stringify(data);
    };
  };
}
