import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/kernel.js';

/**
 * Files arrive as the raw request body; the type is taken from the bytes by the service, not
 * from this header, so any of these (or octet-stream) is read as a buffer up to the upload limit.
 */
export function acceptRawBodies(app: FastifyInstance, platform: Platform, types: readonly string[]) {
  app.addContentTypeParser(
    [...types, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: platform.config.env.UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
}
