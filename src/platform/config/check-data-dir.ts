import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';

const REASONS: Record<string, string> = {
  EACCES: 'no permission to write there',
  EPERM: 'no permission to write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the directory cannot be created there',
  ENOTDIR: 'a part of the path is a file, not a directory',
};

/**
 * `mkdir -p` one level at a time: Node's `recursive: true` loops forever where the parent
 * exists but refuses new entries without saying EACCES (`/proc/x`).
 */
function makeDirs(path: string): void {
  const full = resolve(path);
  try {
    if (statSync(full).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (dirname(full) !== full) makeDirs(dirname(full));
  try {
    mkdirSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Creates the data directory and proves it takes a write that reaches the disk, before the
 * database or anything else opens it: a bad DATA_DIR stops the start with a sentence, not a
 * raw PGlite error or a hang.
 */
export function checkDataDir(dataDir: string): void {
  const probe = join(dataDir, `.write-test-${process.pid}`);
  try {
    makeDirs(dataDir);
    const fd = openSync(probe, 'w');
    try {
      writeSync(fd, Buffer.alloc(4096));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error as Error).message;
    throw new ConfigError(`DATA_DIR ${dataDir} cannot be used: ${reason} (${code || 'error'}).`, [
      { variable: 'DATA_DIR', message: reason },
    ]);
  } finally {
    rmSync(probe, { force: true });
  }
}
