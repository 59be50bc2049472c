import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/db/open-database.js';
import { listTables, normaliseSession, openSession, tableSum } from '../platform/db/transfer/table-copy.js';
import { createPlatform } from '../platform/kernel.js';
import { seedDemo } from '../platform/tenancy/seed-demo.js';
import { MODULE_MANIFESTS } from './module-list.js';

/**
 * `npm run backup` and `npm run restore` as an operator runs them (child processes): the demo
 * installation comes back table for table (recounted here) with its files and its sign-in; a
 * damaged archive is refused and leaves the target empty.
 */
const root = mkdtempSync(join(tmpdir(), 'immoxx-backup-test-'));
const source = join(root, 'source');
const archive = join(root, 'sicherung.tar.gz');
const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  DEMO_PASSWORD: 'Demo-Passwort-2026',
});

function run(
  script: string,
  args: string[],
  dataDir: string,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env(dataDir), DATABASE_URL: '', REDIS_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (status) => resolve({ status, out }));
  });
}
/** A restore target with the source's keys, as the archive's LIESMICH.txt asks. */
function targetDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const key of ['encryption.key', 'auth-secret.key']) copyFileSync(join(source, key), join(dir, key));
  return dir;
}

beforeAll(async () => {
  const platform = await createPlatform(loadConfig({ ...env(source), SEED_DEMO: 'true' }), MODULE_MANIFESTS);
  await seedDemo(platform);
  await platform.files.put('tenants/demo/documents/expose.pdf', Buffer.from('%PDF-1.7 Exposé Seestraße'));
  await platform.close();
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('restores every row and file of the demo installation into a new one, where the owner signs in', async () => {
    const backup = await run('src/server/backup.ts', [archive], source);
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toContain('Nicht enthalten: die Schlüssel');
    const entries: string[] = [];
    await tar.list({ file: archive, onReadEntry: (entry) => entries.push(entry.path) });
    expect(entries).toEqual(
      expect.arrayContaining(['manifest.json', 'LIESMICH.txt', 'files/tenants/demo/documents/expose.pdf']),
    );
    expect(entries.some((e) => /encryption\.key|auth-secret\.key/.test(e))).toBe(false);

    const target = targetDir('restored');
    const restore = await run('src/server/restore.ts', [archive], target);
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toMatch(/Wiederhergestellt: Sicherung vom \d{2}\.\d{2}\.\d{4}/);

    const [a, b] = [await openDatabase(loadConfig(env(source))), await openDatabase(loadConfig(env(target)))];
    const [from, to] = [await openSession(a), await openSession(b)];
    await normaliseSession(from);
    await normaliseSession(to);
    const differing: string[] = [];
    for (const table of await listTables(from)) {
      const [x, y] = [await tableSum(from, table), await tableSum(to, table)];
      if (x.rows !== y.rows || (table.name !== 'job_run' && x.checksum !== y.checksum))
        differing.push(table.name);
    }
    expect(differing).toEqual([]);
    from.release();
    to.release();
    await a.close();
    await b.close();

    const restored = await createPlatform(loadConfig(env(target)), MODULE_MANIFESTS);
    try {
      expect((await restored.files.read('tenants/demo/documents/expose.pdf')).toString()).toBe(
        '%PDF-1.7 Exposé Seestraße',
      );
      const signedIn = await restored.auth.api.signInEmail({
        body: { email: 'inhaberin@bodensee-immobilien.de', password: 'Demo-Passwort-2026' },
      });
      expect(signedIn.user.email).toBe('inhaberin@bodensee-immobilien.de');
    } finally {
      await restored.close();
    }

    const again = await run('src/server/restore.ts', [archive], target);
    expect(again.status).toBe(1);
    expect(again.out).toContain('Ziel nicht leer');
  }, 600_000);

  it('refuses an archive whose rows were changed, and keeps nothing of it', async () => {
    const unpacked = join(root, 'unpacked');
    mkdirSync(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    const { readFileSync, writeFileSync } = await import('node:fs');
    const contacts = join(unpacked, 'database', 'crm_contact.jsonl');
    writeFileSync(contacts, readFileSync(contacts, 'utf8').replace('Bodensee', 'Bodenzee'));
    const damaged = join(root, 'beschaedigt.tar.gz');
    await tar.create({ gzip: true, file: damaged, cwd: unpacked }, [
      'manifest.json',
      'LIESMICH.txt',
      'database',
      'files',
    ]);

    const target = targetDir('damaged');
    const restore = await run('src/server/restore.ts', [damaged], target);
    expect(restore.status).toBe(1);
    expect(restore.out).toContain('Sicherung passt nicht: crm_contact');
    const database = await openDatabase(loadConfig(env(target)));
    const [count] = (await database.executeSql('select count(*)::int as n from tenant', [])).rows as {
      n: number;
    }[];
    expect(count?.n).toBe(0);
    await database.close();
  }, 300_000);
});
