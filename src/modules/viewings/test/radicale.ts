import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's `radicale` (a real CalDAV server, RFC 4791 + RFC 6578) is installed. */
export function radicaleInstalled(): boolean {
  try {
    execFileSync('radicale', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export interface Radicale {
  url: string;
  username: string;
  password: string;
  /** Basic auth header for calls that play the agent's phone. */
  auth: string;
  stop(): void;
}

/** A throwaway radicale with one user (htpasswd, plain) and its storage in a temp directory. */
export async function startRadicale(): Promise<Radicale> {
  const dir = mkdtempSync(join(tmpdir(), 'immoxx-radicale-'));
  const username = 'makler';
  const password = 'App-Passwort-2026';
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    'radicale',
    [
      '--server-hosts',
      `127.0.0.1:${port}`,
      '--storage-filesystem-folder',
      join(dir, 'collections'),
      '--auth-type',
      'htpasswd',
      '--auth-htpasswd-filename',
      join(dir, 'users'),
      '--auth-htpasswd-encryption',
      'plain',
      '--logging-level',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url, { method: 'PROPFIND', headers: { authorization: auth, depth: '0' } });
      if (r.status === 207) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    username,
    password,
    auth,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
