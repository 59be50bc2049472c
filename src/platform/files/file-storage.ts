import type { Readable } from 'node:stream';

export interface PresignOptions {
  expiresSeconds: number;
  contentType?: string;
  contentDisposition?: string;
}

/** Where uploaded and generated files live: local disk by default, an S3-compatible bucket at scale. */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer): Promise<{ size: number }>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Bytes and files stored under a key prefix (an office's `tenants/<id>/`). */
  usage(prefix: string): Promise<{ bytes: number; files: number }>;
  /** Whether a write reaches the storage now, and how much room is left where that is known. */
  probe(): Promise<{ writable: boolean; freeBytes: number | null }>;
  /** A time-limited URL the browser downloads from directly; only where the storage has one (S3). */
  presignedDownload?(key: string, options: PresignOptions): Promise<string>;
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

/** The disk or its permissions failed a write: the server's fault, told as such, not a bare 500. */
export class StorageUnavailableError extends Error {
  constructor(readonly code: string) {
    super(
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'Der Speicherplatz des Servers ist voll; die Datei wurde nicht gespeichert.'
        : 'Der Dateispeicher des Servers ist nicht beschreibbar; die Datei wurde nicht gespeichert.',
    );
    this.name = 'StorageUnavailableError';
  }
}

const STORAGE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOTDIR']);

/** Turns a disk error into StorageUnavailableError; anything else passes unchanged. */
export function storageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  return code && STORAGE_CODES.has(code) ? new StorageUnavailableError(code) : error;
}
