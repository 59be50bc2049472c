import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { StorageUnavailableError } from '../files/file-storage.js';
import { reportError } from '../observability/error-reporting.js';
import { AppError, errorBody } from './app-error.js';

/** Fastify's own error codes, mapped to stable codes and German/English-neutral messages. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'Request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported Content-Type.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'Body is empty but Content-Type is application/json.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'Content-Length does not match the body.',
  },
};

/**
 * SQLSTATEs that only a client's value can cause (a number past a column's range, a string
 * PostgreSQL cannot read as the column's type): a 400, never a 500. Routes validate first;
 * this is the net for what a schema let through.
 */
const CLIENT_SQLSTATES: Record<string, string> = {
  '22003': 'Eine Zahl ist zu groß oder zu klein.',
  '22P02': 'Ein Wert hat nicht das erwartete Format.',
  '22007': 'Ein Datum hat nicht das erwartete Format.',
  '22008': 'Ein Datum liegt außerhalb des gültigen Bereichs.',
  '22001': 'Ein Text ist zu lang.',
  '22021': 'Die Anfrage enthält unzulässige Zeichen.',
  '22P05': 'Die Anfrage enthält unzulässige Zeichen.',
  '2201B': 'Ein Suchmuster ist ungültig.',
  '54000': 'Ein Wert ist zu lang.',
};

/** The SQLSTATE of a database error, also when the ORM wrapped it. */
function sqlStateOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'invalid',
      }));
      return reply
        .status(400)
        .send(errorBody('validation_failed', `Invalid ${error.validationContext ?? 'request'}.`, { issues }));
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return reply.status(400).send(errorBody('invalid_json', 'Body is not valid JSON.'));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody('rate_limited', 'Zu viele Anfragen. Bitte warten Sie kurz.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('bad_request', error.message));
    }
    if (error instanceof StorageUnavailableError) {
      request.log.error({ err: error }, 'file storage unavailable');
      const full = error.code === 'ENOSPC' || error.code === 'EDQUOT';
      return reply
        .status(full ? 507 : 503)
        .send(errorBody(full ? 'storage_full' : 'storage_unavailable', error.message));
    }
    const sqlState = sqlStateOf(error);
    const clientMessage = sqlState ? CLIENT_SQLSTATES[sqlState] : undefined;
    if (clientMessage) {
      request.log.warn({ err: error, sqlState }, 'database refused a client value');
      return reply.status(400).send(errorBody('invalid_value', clientMessage, { sqlState }));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    reportError(error, {
      source: 'http',
      tags: { route: request.routeOptions.url ?? 'unmatched', method: request.method },
      extra: { requestId: request.id },
      userId: request.auth?.user.id,
      tenantId: request.auth?.tenantId ?? null,
    });
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Ein interner Fehler ist aufgetreten.', { requestId: request.id }));
  });
}
