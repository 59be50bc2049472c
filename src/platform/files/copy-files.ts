import { createHash } from 'node:crypto';
import type { FileStorage } from './file-storage.js';

export interface CopyReport {
  files: number;
  copied: number;
  skipped: number;
  bytes: number;
  /** Keys whose copy read back with other bytes than the source: copied again once, then listed. */
  mismatched: string[];
}

const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Copies every file under `prefix` from one storage to another with the same keys (local disk →
 * S3 when an installation grows to several servers). Each copy is read back and compared by
 * SHA-256. Files already there with the same bytes are skipped, so an interrupted run resumes.
 */
export async function copyFiles(
  from: FileStorage,
  to: FileStorage,
  options: {
    prefix?: string;
    concurrency?: number;
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<CopyReport> {
  const keys = await from.list(options.prefix ?? '');
  const report: CopyReport = { files: keys.length, copied: 0, skipped: 0, bytes: 0, mismatched: [] };
  let next = 0;
  let done = 0;
  const copyOne = async (key: string) => {
    const data = await from.read(key);
    const want = digest(data);
    if (await to.exists(key)) {
      if (digest(await to.read(key)) === want) {
        report.skipped += 1;
        return;
      }
    }
    if (options.dryRun) {
      report.copied += 1;
      report.bytes += data.length;
      return;
    }
    for (let attempt = 1; attempt <= 2; attempt++) {
      await to.put(key, data);
      if (digest(await to.read(key)) === want) {
        report.copied += 1;
        report.bytes += data.length;
        return;
      }
    }
    report.mismatched.push(key);
  };
  const lane = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      await copyOne(key);
      done += 1;
      options.onProgress?.(done, keys.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, lane));
  return report;
}
