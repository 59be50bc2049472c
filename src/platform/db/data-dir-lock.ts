import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds the embedded database: enough to tell a live owner from a crashed one. */
interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  startTicks: string | null;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${lockFile.replace(/\/db\.lock$/, '')} is in use by process ${owner.pid}` +
        ` on ${owner.host} (since ${owner.since}). PGlite allows one process at a time: stop that process` +
        ' first, or use a PostgreSQL server (DATABASE_URL) to run several.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Lock files this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

/** Field 22 of /proc/<pid>/stat; null where there is no procfs (macOS, Windows). */
function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(file: string, owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine on a shared volume: assume it runs
  // Our own pid but not our lock: an earlier process (a restarted container) had the pid.
  if (owner.pid === process.pid) return held.has(file);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const ticks = startTicksOf(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // half-written by a process that died while writing it
  }
}

/**
 * Takes the embedded database for this process: a second server on the same data directory
 * would open its own copy of PGlite and the two would overwrite each other's writes. A lock
 * left by a crashed (kill -9) process is recognised by its pid and start time and taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'db.lock');
  const me: LockOwner = {
    pid: process.pid,
    startTicks: startTicksOf(process.pid),
    host: hostname(),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && isAlive(file, owner)) throw new DataDirLockedError(file, owner);
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    held.add(file);
    return () => {
      if (!held.delete(file)) return;
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
  }
  throw new Error(`could not take the database lock ${file}`);
}
