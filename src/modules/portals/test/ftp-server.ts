import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import FtpSrv from 'ftp-srv';

/** A real FTP server (ftp-srv, RFC 959 with passive mode) on a local directory, for portal uploads. */
export interface LocalFtp {
  port: number;
  root: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** ftp-srv logs through bunyan; a refused login is expected here and need not fill the output. */
const quiet = {
  child: () => quiet,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

export async function startFtp(): Promise<LocalFtp> {
  const root = mkdtempSync(join(tmpdir(), 'immoxx-ftp-'));
  const port = 21_000 + Math.floor(Math.random() * 4000);
  const pasvMin = 40_000 + Math.floor(Math.random() * 2000) * 10;
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: pasvMin,
    pasv_max: pasvMin + 9,
    anonymous: false,
    greeting: 'Portal-Import',
    log: quiet as never,
  });
  const user = 'immowelt-import';
  const password = 'geheim-123';
  server.on('login', ({ username, password: given }, resolve, reject) => {
    if (username === user && given === password) resolve({ root });
    else reject(new Error('Login incorrect'));
  });
  await server.listen();
  return { port, root, user, password, stop: () => server.close() };
}
