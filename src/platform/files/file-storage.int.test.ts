import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFiles } from './copy-files.js';
import { FileNotFoundError, type FileStorage } from './file-storage.js';
import { createLocalFileStorage } from './local-file-storage.js';
import { createS3FileStorage, type S3StorageOptions } from './s3-file-storage.js';

/**
 * One contract for every FileStorage. The S3 adapter runs against a real S3 server: Ceph's RADOS
 * Gateway where S3_TEST_ENDPOINT names one (CI starts it with .ci/s3-rgw.sh), else s3rver
 * in-process (an independent S3 implementation, though one that does not check SigV4).
 */
const root = mkdtempSync(join(tmpdir(), 'immoxx-storage-'));
let s3rver: S3rver | null = null;
let s3Options: S3StorageOptions;

beforeAll(async () => {
  const bucket = `immoxx-test-${process.pid}-${Date.now().toString(36)}`;
  if (process.env.S3_TEST_ENDPOINT) {
    s3Options = {
      bucket,
      endpoint: process.env.S3_TEST_ENDPOINT,
      region: 'us-east-1',
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? 'immoxx-ci',
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? 'immoxx-ci-secret-0123456789',
      forcePathStyle: true,
    };
  } else {
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(root, 's3rver') });
    const { port } = await s3rver.run();
    s3Options = {
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    };
  }
  const client = new S3Client({
    endpoint: s3Options.endpoint,
    region: s3Options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3Options.accessKeyId, secretAccessKey: s3Options.secretAccessKey },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
});

afterAll(async () => {
  await s3rver?.close();
  rmSync(root, { recursive: true, force: true });
});

// s3rver's continuation tokens use DES, which Node 20's OpenSSL 3 no longer has: its second
// page fails with a 500, so paging is checked on the disk and on the RADOS Gateway only.
const s3Pages = Boolean(process.env.S3_TEST_ENDPOINT);
const storages: [string, () => FileStorage, boolean][] = [
  ['local disk', () => createLocalFileStorage(join(root, 'local')), true],
  ['S3', () => createS3FileStorage(s3Options), s3Pages],
  ['S3 under a prefix', () => createS3FileStorage({ ...s3Options, prefix: 'install-b' }), s3Pages],
];

describe.each(storages)('file storage contract: %s', (_name, make, pages) => {
  it('keeps bytes exactly, lists a folder (not its namesake), counts usage, deletes', async () => {
    const files = make();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await files.put('tenants/a/branding/logo.png', png);
    await files.put('tenants/a/ai/g1/reel.mp4', Buffer.alloc(2500, 7));
    await files.put('tenants/ab/other.bin', Buffer.alloc(7));
    expect(await files.read('tenants/a/branding/logo.png')).toEqual(png);
    const chunks: Buffer[] = [];
    for await (const chunk of await files.stream('tenants/a/ai/g1/reel.mp4')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(Buffer.alloc(2500, 7));
    expect(await files.list('tenants/a/')).toEqual([
      'tenants/a/ai/g1/reel.mp4',
      'tenants/a/branding/logo.png',
    ]);
    expect(await files.usage('tenants/a')).toEqual({ bytes: 2508, files: 2 });
    expect(await files.usage('tenants/none/')).toEqual({ bytes: 0, files: 0 });
    expect(await files.exists('tenants/ab/other.bin')).toBe(true);
    await files.delete('tenants/ab/other.bin');
    await files.delete('tenants/ab/never-was.bin');
    expect(await files.exists('tenants/ab/other.bin')).toBe(false);
    await expect(files.read('tenants/ab/other.bin')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(files.stream('tenants/ab/other.bin')).rejects.toBeInstanceOf(FileNotFoundError);
    expect((await files.probe()).writable).toBe(true);
  });

  it('refuses keys that climb out or carry unsafe characters', async () => {
    const files = make();
    await expect(files.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/unsafe file key/);
    await expect(files.put('tenants/a/../../x', Buffer.from('x'))).rejects.toThrow(/unsafe file key/);
  });

  it.runIf(pages)('lists past one page of 1,000 keys', async () => {
    const files = make();
    const keys = Array.from({ length: 1005 }, (_, i) => `paged/k${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 50)
      await Promise.all(keys.slice(i, i + 50).map((key) => files.put(key, Buffer.from('1'))));
    expect(await files.list('paged')).toEqual(keys);
    expect(await files.usage('paged/')).toEqual({ bytes: 1005, files: 1005 });
  });
});

describe('S3 presigned downloads', () => {
  it('serves the object with the name and type asked for, and refuses a tampered signature on a server that checks', async () => {
    const files = createS3FileStorage(s3Options);
    await files.put('tenants/a/documents/expose.pdf', Buffer.from('%PDF-1.7 Exposé'));
    const url = await files.presignedDownload!('tenants/a/documents/expose.pdf', {
      expiresSeconds: 60,
      contentType: 'application/pdf',
      contentDisposition: "attachment; filename*=UTF-8''Expos%C3%A9.pdf",
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''Expos%C3%A9.pdf");
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 Exposé');
    if (process.env.S3_TEST_ENDPOINT) {
      const tampered = url.replace(
        /(Signature=)([0-9a-f])/,
        (_m, p: string, c: string) => `${p}${c === '0' ? '1' : '0'}`,
      );
      expect((await fetch(tampered)).status).toBe(403);
    }
  });

  it('says the bucket is unavailable, not a bare 500, when the credentials are wrong (on a server that checks)', async () => {
    if (!process.env.S3_TEST_ENDPOINT) return;
    const files = createS3FileStorage({ ...s3Options, secretAccessKey: 'wrong-secret' });
    await expect(files.put('tenants/a/x.txt', Buffer.from('x'))).rejects.toMatchObject({
      name: 'StorageUnavailableError',
    });
    expect((await files.probe()).writable).toBe(false);
  });
});

describe('copying local files to S3 (npm run files:migrate-to-s3)', () => {
  it('copies every file byte for byte, resumes without copying twice, and repairs a differing copy', async () => {
    const local = createLocalFileStorage(join(root, 'to-migrate'));
    const bucket = createS3FileStorage({ ...s3Options, prefix: 'migrated' });
    const originals = new Map<string, Buffer>();
    for (let i = 0; i < 30; i++) {
      const key = `tenants/t${i % 3}/documents/d${i}.bin`;
      const data = Buffer.alloc(1000 + i * 37, i);
      originals.set(key, data);
      await local.put(key, data);
    }
    const dry = await copyFiles(local, bucket, { dryRun: true });
    expect(dry).toMatchObject({ files: 30, copied: 30, skipped: 0 });
    expect(await bucket.list('tenants')).toEqual([]);

    const first = await copyFiles(local, bucket, { concurrency: 4 });
    expect(first).toMatchObject({ files: 30, copied: 30, skipped: 0, mismatched: [] });
    expect(first.bytes).toBe([...originals.values()].reduce((sum, b) => sum + b.length, 0));
    for (const [key, data] of originals) expect(await bucket.read(key)).toEqual(data);

    await bucket.put('tenants/t1/documents/d1.bin', Buffer.from('beschädigt'));
    const second = await copyFiles(local, bucket);
    expect(second).toMatchObject({ files: 30, copied: 1, skipped: 29, mismatched: [] });
    expect(await bucket.read('tenants/t1/documents/d1.bin')).toEqual(
      originals.get('tenants/t1/documents/d1.bin'),
    );
  });
});
