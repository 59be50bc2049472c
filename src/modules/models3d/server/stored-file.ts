import type { FastifyReply } from 'fastify';
import type { Platform } from '../../../platform/kernel.js';

/** For files whose URL changes with each revision (`?rev=`): cached for good, per user. */
export const REVISIONED = 'private, max-age=31536000, immutable';

/** Streams a stored file (GLB, preview, plan image) with its headers. */
export async function sendStored(
  reply: FastifyReply,
  platform: Platform,
  key: string,
  headers: Record<string, string>,
): Promise<FastifyReply> {
  return reply.headers(headers).send(await platform.files.stream(key));
}
