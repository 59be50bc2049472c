import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  assertSafeKey,
  FileNotFoundError,
  type FileStorage,
  type PresignOptions,
  StorageUnavailableError,
} from './file-storage.js';

export interface S3StorageOptions {
  bucket: string;
  /** Unset: AWS itself, by region. Set: MinIO, Ceph RGW, Garage, Hetzner, IONOS … */
  endpoint?: string;
  /** Where browsers reach the same bucket (presigned downloads); unset: `endpoint`. */
  publicEndpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`: what self-hosted servers need. */
  forcePathStyle: boolean;
  /** Keys live under this prefix, so one bucket can serve several installations. */
  prefix?: string;
}

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/** A refused or unreachable bucket is the server's fault, said as such (like a full disk). */
function storageFailure(error: unknown): unknown {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? 0;
    if (status === 403 || status >= 500) return new StorageUnavailableError(`S3_${status}`);
    return error;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET')
    return new StorageUnavailableError(code);
  return error;
}

/*
 * AWS SDK v3 is pinned to 3.1178.0: releases after the first week of January 2027 need Node 22
 * (the SDK's NodeVersionSupportWarning says so on Node 20). Lift the pin with the move to Node 22.
 */
function clientOf(options: S3StorageOptions, endpoint: string | undefined): S3Client {
  return new S3Client({
    region: options.region,
    endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Checksum trailers (aws-chunked uploads) are AWS-only; self-hosted servers refuse them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/**
 * Files in an S3-compatible bucket: what several API replicas and workers share instead of a
 * disk. Keys are the same as on disk (`tenants/<id>/…`), so `files:migrate-to-s3` copies 1:1.
 */
export function createS3FileStorage(options: S3StorageOptions): FileStorage {
  const client = clientOf(options, options.endpoint);
  const presigner =
    options.publicEndpoint && options.publicEndpoint !== options.endpoint
      ? clientOf(options, options.publicEndpoint)
      : client;
  const { bucket } = options;
  const base = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
  const objectKey = (key: string) => {
    assertSafeKey(key);
    return `${base}${key}`;
  };

  async function* listObjects(prefix: string): AsyncGenerator<{ key: string; size: number }> {
    const folder = prefix.replace(/\/+$/, '');
    // `tenants/a` means the folder: never `tenants/ab/…`, as on disk.
    const listPrefix = folder === '' ? base : `${objectKey(folder)}/`;
    let token: string | undefined;
    do {
      const page = await client
        .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: listPrefix, ContinuationToken: token }))
        .catch((error: unknown) => {
          throw storageFailure(error);
        });
      for (const item of page.Contents ?? []) {
        if (item.Key) yield { key: item.Key.slice(base.length), size: item.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  const get = async (key: string) => {
    try {
      return await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(key);
      throw storageFailure(error);
    }
  };

  return {
    kind: 's3',
    async put(key, data) {
      await client
        .send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: objectKey(key),
            Body: data,
            ContentLength: data.length,
          }),
        )
        .catch((error: unknown) => {
          throw storageFailure(error);
        });
      return { size: data.length };
    },
    async read(key) {
      const object = await get(key);
      return Buffer.from(
        await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    },
    async stream(key) {
      const object = await get(key);
      // On Node the SDK's body is an IncomingMessage, a Readable.
      return object.Body as Readable;
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw storageFailure(error);
      }
    },
    async delete(key) {
      await client
        .send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }))
        .catch((error: unknown) => {
          if (!isMissing(error)) throw storageFailure(error);
        });
    },
    async list(prefix) {
      const keys: string[] = [];
      for await (const item of listObjects(prefix)) keys.push(item.key);
      return keys.sort();
    },
    async usage(prefix) {
      let bytes = 0;
      let files = 0;
      for await (const item of listObjects(prefix)) {
        bytes += item.size;
        files += 1;
      }
      return { bytes, files };
    },
    // Readiness asks every few seconds: a HEAD on the bucket (reachable, our keys accepted),
    // not a write per probe, which would cost requests and leave a trail in the bucket's log.
    async probe() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        return { writable: true, freeBytes: null };
      } catch {
        return { writable: false, freeBytes: null };
      }
    },
    async presignedDownload(key, presign: PresignOptions) {
      return getSignedUrl(
        presigner,
        new GetObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          ResponseContentType: presign.contentType,
          ResponseContentDisposition: presign.contentDisposition,
        }),
        { expiresIn: presign.expiresSeconds },
      );
    },
  };
}
