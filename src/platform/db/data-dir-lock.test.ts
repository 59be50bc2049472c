import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another process that takes the lock and keeps it until killed. */
async function holderOf(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('${join(import.meta.dirname, 'data-dir-lock.ts')}').then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('data directory lock (issue 17.9: one process per embedded database)', () => {
  it('refuses a second process while the first lives, naming it, and takes over after a kill -9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'immoxx-lock-'));
    const holder = await holderOf(dir);
    let refused: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(`in use by process ${holder.pid}`);
    expect((refused as Error).message).toContain('DATABASE_URL');

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(existsSync(join(dir, 'db.lock'))).toBe(true); // the crash left it behind
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, 'db.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, 'db.lock'))).toBe(false);
  });

  it('refuses a second open in the same process too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immoxx-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    lockDataDir(dir)();
  });

  it('does not mistake a reused pid for the owner: the start time must match too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immoxx-lock-'));
    // pid 1 lives, but it started at another time than the recorded owner did.
    writeFileSync(
      join(dir, 'db.lock'),
      JSON.stringify({ pid: 1, startTicks: '1', host: hostname(), since: '2026-01-01T00:00:00Z' }),
    );
    const release = lockDataDir(dir);
    release();
  });

  it('takes over a lock file that a crash left half-written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'immoxx-lock-'));
    writeFileSync(join(dir, 'db.lock'), '{"pid": 12');
    lockDataDir(dir)();
  });
});
