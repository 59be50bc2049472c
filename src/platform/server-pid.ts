import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pidFile = (dataDir: string) => join(dataDir, 'server.pid');

/** Marks the embedded database as in use, so maintenance scripts do not open it concurrently. */
export function writeServerPid(dataDir: string): void {
  writeFileSync(pidFile(dataDir), String(process.pid));
}

export function removeServerPid(dataDir: string): void {
  rmSync(pidFile(dataDir), { force: true });
}

export function runningServerPid(dataDir: string): number | null {
  if (!existsSync(pidFile(dataDir))) return null;
  const pid = Number(readFileSync(pidFile(dataDir), 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
