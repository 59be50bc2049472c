import type { Readable } from 'node:stream';

/** Where uploaded and generated files live: local disk by default, S3-compatible later. */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<{ size: number }>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(key: string) {
    super(`file not found: ${key}`);
    this.name = 'FileNotFoundError';
  }
}

/** Keys are `segment/segment/name.ext` with safe characters only, never `..`. */
export function assertSafeKey(key: string): void {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*(\/[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/.test(key) || key.includes('..')) {
    throw new Error(`unsafe file key: ${key}`);
  }
}
