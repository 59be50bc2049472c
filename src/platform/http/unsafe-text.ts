import type { FastifyInstance } from 'fastify';
import { errorBody } from './app-error.js';

/** A lone UTF-16 surrogate (jsonb refuses it); String#isWellFormed is ES2024, beyond our lib. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL (PostgreSQL text cannot hold it) or a lone surrogate. */
const isUnsafe = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The path of the first string in `value` that no database column can store, or null. */
export function findUnsafeText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isUnsafe(value) ? path || '(value)' : null;
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (isUnsafe(key)) return childPath;
    const found = findUnsafeText(child, childPath);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses text that PostgreSQL would refuse later with a 500: checked once for every route,
 * API and public pages alike, before validation and before anything is written.
 */
export function rejectUnsafeText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const where =
      findUnsafeText(request.params, 'params') ??
      findUnsafeText(request.query, 'query') ??
      findUnsafeText(request.body, 'body');
    if (!where) return;
    return reply
      .status(400)
      .send(
        errorBody(
          'invalid_characters',
          'Die Anfrage enthält unzulässige Zeichen (Nullbyte oder ungültiges Unicode).',
          { path: where },
        ),
      );
  });
}
