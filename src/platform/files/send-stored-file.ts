import type { FastifyReply } from 'fastify';
import type { Platform } from '../kernel.js';

export interface StoredFileResponse {
  key: string;
  sizeBytes: number;
  contentType: string;
  contentDisposition: string;
  /** Extra headers for the streamed answer (checksums, caching). */
  headers?: Record<string, string>;
}

/**
 * A large file on S3 goes to the browser straight from the bucket (a presigned URL valid for
 * S3_PRESIGN_EXPIRES_SECONDS) instead of through an API replica; small files and the local
 * disk stream through here. The caller has checked access before.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  platform: Platform,
  file: StoredFileResponse,
): Promise<FastifyReply> {
  const { S3_PRESIGN_MIN_BYTES, S3_PRESIGN_EXPIRES_SECONDS } = platform.config.env;
  const { files } = platform;
  if (files.presignedDownload && S3_PRESIGN_MIN_BYTES > 0 && file.sizeBytes >= S3_PRESIGN_MIN_BYTES) {
    const url = await files.presignedDownload(file.key, {
      expiresSeconds: S3_PRESIGN_EXPIRES_SECONDS,
      contentType: file.contentType,
      contentDisposition: file.contentDisposition,
    });
    return reply.header('cache-control', 'private, no-store').redirect(url, 302);
  }
  return reply
    .headers({ ...file.headers })
    .header('content-type', file.contentType)
    .header('content-disposition', file.contentDisposition)
    .send(await files.stream(file.key));
}
