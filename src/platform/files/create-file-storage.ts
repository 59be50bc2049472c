import { join } from 'node:path';
import type { AppConfig } from '../config/load-config.js';
import type { FileStorage } from './file-storage.js';
import { createLocalFileStorage } from './local-file-storage.js';

/**
 * Local disk under DATA_DIR by default; the S3-compatible bucket with FILE_STORAGE=s3. The AWS
 * SDK loads only then: the embedded default does not carry its memory (issue 19).
 */
export async function createFileStorage(config: AppConfig): Promise<FileStorage> {
  const { env } = config;
  if (env.FILE_STORAGE === 'local') return createLocalFileStorage(join(config.dataDir, 'files'));
  // loadConfig has refused FILE_STORAGE=s3 without these.
  if (!env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)
    throw new Error('FILE_STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  const { createS3FileStorage } = await import('./s3-file-storage.js');
  return createS3FileStorage({
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    publicEndpoint: env.S3_PUBLIC_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    prefix: env.S3_PREFIX,
  });
}
