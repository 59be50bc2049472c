import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/db/open-database.js';
import { openPostgres } from '../platform/db/open-postgres.js';
import { listTables, normaliseSession, openSession, tableSum } from '../platform/db/transfer/table-copy.js';
import { createLocalFileStorage } from '../platform/files/local-file-storage.js';
import { createS3FileStorage } from '../platform/files/s3-file-storage.js';
import { createPlatform } from '../platform/kernel.js';
import { seedDemo } from '../platform/tenancy/seed-demo.js';
import { MODULE_MANIFESTS } from './module-list.js';

/**
 * Issue 27: the demo office grows out of the embedded database. `npm run migrate-to-postgres`
 * runs as a user runs it (a child process on a stopped installation); afterwards every table of
 * the PostgreSQL database has the same rows as the PGlite one (count and checksum, recomputed
 * here), every file is in the bucket byte for byte, and the demo owner signs in on the result.
 */
const adminUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-grow-'));
const databaseName = `immoxx_grow_${process.pid}`;
let targetUrl: string;
let s3rver: S3rver | null = null;
const s3 = {
  endpoint: '',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  bucket: `immoxx-grow-${process.pid}`,
};
/** Asynchronously: the S3 server may live in this very process (s3rver) and must keep answering. */
function runCommand(
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/migrate-to-postgres.ts', targetUrl],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
const baseEnv = {
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  DEMO_PASSWORD: 'Demo-Passwort-2026',
  NODE_ENV: 'test',
};

describe.runIf(adminUrl)('PGlite → PostgreSQL (npm run migrate-to-postgres)', () => {
  beforeAll(async () => {
    // The embedded installation with its demo office and a document file of its own.
    const config = loadConfig({ ...baseEnv, SEED_DEMO: 'true' });
    const platform = await createPlatform(config, MODULE_MANIFESTS);
    await seedDemo(platform);
    const [office] = (await platform.database.executeSql(`select id from tenant`, [])).rows as {
      id: string;
    }[];
    await platform.files.put(
      `tenants/${office!.id}/documents/grundbuch.pdf`,
      Buffer.from('%PDF-1.7 Grundbuch Meersburg'),
    );
    await platform.close();

    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${databaseName}`;
    targetUrl = url.toString();

    if (process.env.S3_TEST_ENDPOINT) {
      Object.assign(s3, {
        endpoint: process.env.S3_TEST_ENDPOINT,
        accessKeyId: 'immoxx-ci',
        secretAccessKey: 'immoxx-ci-secret-0123456789',
      });
    } else {
      s3rver = new S3rver({
        port: 0,
        address: '127.0.0.1',
        silent: true,
        directory: join(dataDir, 's3rver'),
      });
      s3.endpoint = `http://127.0.0.1:${(await s3rver.run()).port}`;
    }
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3,
    });
    await client.send(new CreateBucketCommand({ Bucket: s3.bucket }));
    client.destroy();
  }, 300_000);

  afterAll(async () => {
    await s3rver?.close();
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`).catch(() => undefined);
    await admin.end();
  });

  it('keeps every row and every file, and the demo owner signs in on PostgreSQL', async () => {
    const run = await runCommand({
      ...process.env,
      ...baseEnv,
      DATABASE_URL: '',
      FILE_STORAGE: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_REGION: 'us-east-1',
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/Zeilen in \d+ Tabellen übertragen und geprüft/);

    // Recounted here, not taken from the command's word.
    const source = await openDatabase(loadConfig(baseEnv));
    const target = await openPostgres(targetUrl, 2);
    const [from, to] = [await openSession(source), await openSession(target)];
    await normaliseSession(from);
    await normaliseSession(to);
    const tables = await listTables(from);
    let rows = 0;
    const differing: string[] = [];
    for (const table of tables) {
      const [a, b] = [await tableSum(from, table), await tableSum(to, table)];
      rows += a.rows;
      if (a.rows !== b.rows || (table.name !== 'job_run' && a.checksum !== b.checksum))
        differing.push(table.name);
    }
    from.release();
    to.release();
    expect(differing).toEqual([]);
    expect(tables.length).toBeGreaterThan(100);
    expect(rows).toBeGreaterThan(5000);
    const properties = (await target.executeSql(`select count(*)::int as n from crm_property`, []))
      .rows[0] as { n: number };
    expect(properties.n).toBeGreaterThan(10);
    // Open runs wait for the new engine: no engine id of the old one is left on them.
    const stale = (
      await target.executeSql(
        `select count(*)::int as n from job_run where status in ('queued', 'retrying', 'running') and engine_job_id is not null`,
        [],
      )
    ).rows[0] as { n: number };
    expect(stale.n).toBe(0);
    await source.close();
    await target.close();

    const local = createLocalFileStorage(join(dataDir, 'files'));
    const bucket = createS3FileStorage({ ...s3, region: 'us-east-1', forcePathStyle: true });
    const keys = await local.list('');
    expect(keys.some((k) => k.endsWith('documents/grundbuch.pdf'))).toBe(true);
    expect(await bucket.list('')).toEqual(keys);
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    for (const key of keys) expect(digest(await bucket.read(key)), key).toBe(digest(await local.read(key)));

    // The grown installation: PostgreSQL, the bucket, the same key files in DATA_DIR.
    const grown = await createPlatform(
      loadConfig({
        ...baseEnv,
        DATABASE_URL: targetUrl,
        FILE_STORAGE: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      }),
      MODULE_MANIFESTS,
    );
    try {
      const signedIn = await grown.auth.api.signInEmail({
        body: { email: 'inhaberin@bodensee-immobilien.de', password: 'Demo-Passwort-2026' },
      });
      expect(signedIn.user.email).toBe('inhaberin@bodensee-immobilien.de');
    } finally {
      await grown.close();
    }
  }, 420_000);

  it('refuses a target that already holds data, and changes nothing there', async () => {
    const run = await runCommand({ ...process.env, ...baseEnv, DATABASE_URL: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Ziel nicht leer: Die Datenbank enthält schon Daten');
  }, 300_000);
});
