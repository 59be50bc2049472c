import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { Client as FtpClient } from 'basic-ftp';
import SftpClient from 'ssh2-sftp-client';

export interface FeedTarget {
  transport: 'ftp' | 'sftp';
  host: string;
  port: number | null;
  username: string;
  password: string;
  remoteDir: string;
}

const TIMEOUT_MS = 60_000;

export class FeedUploadError extends Error {
  constructor(
    message: string,
    /** A refused login is the broker's to fix; a dropped connection is worth another try. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/**
 * Puts the ZIP into the portal's import directory. It is written under a `.part` name and renamed
 * when complete, because portals poll the directory and must never pick up half a file.
 */
/** Runs `work` on a logged-in FTP or SFTP session and always closes it. */
async function withSession(
  target: FeedTarget,
  work: (session: { ftp: FtpClient } | { sftp: SftpClient }) => Promise<void>,
): Promise<void> {
  if (target.transport === 'ftp') {
    const ftp = new FtpClient(TIMEOUT_MS);
    try {
      await ftp.access({
        host: target.host,
        port: target.port ?? 21,
        user: target.username,
        password: target.password,
      });
      await work({ ftp });
    } catch (error) {
      throw error instanceof FeedUploadError ? error : ftpError(error);
    } finally {
      ftp.close();
    }
    return;
  }
  const sftp = new SftpClient();
  try {
    await sftp.connect({
      host: target.host,
      port: target.port ?? 22,
      username: target.username,
      password: target.password,
      readyTimeout: TIMEOUT_MS,
    });
    await work({ sftp });
  } catch (error) {
    if (error instanceof FeedUploadError) throw error;
    const message = (error as Error).message;
    throw new FeedUploadError(
      `SFTP fehlgeschlagen: ${message}`,
      !/authentication|auth fail|permission denied/i.test(message),
    );
  } finally {
    await sftp.end().catch(() => undefined);
  }
}

/**
 * Puts the ZIP into the portal's import directory. It is written under a `.part` name and renamed
 * when complete, because portals poll the directory and must never pick up half a file.
 */
export async function uploadFeed(target: FeedTarget, fileName: string, zip: Uint8Array): Promise<void> {
  const final = posix.join(target.remoteDir || '/', fileName);
  const partial = `${final}.part`;
  await withSession(target, async (s) => {
    if ('ftp' in s) {
      await s.ftp.uploadFrom(Readable.from(Buffer.from(zip)), partial);
      await s.ftp.rename(partial, final);
    } else {
      await s.sftp.put(Buffer.from(zip), partial);
      await s.sftp.rename(partial, final);
    }
  });
}

/** Checks host, login and directory without uploading anything, before an account is saved. */
export async function checkFeedTarget(target: FeedTarget): Promise<void> {
  const dir = target.remoteDir || '/';
  await withSession(target, async (s) => {
    if ('ftp' in s) await s.ftp.cd(dir);
    else if (!(await s.sftp.exists(dir)))
      throw new FeedUploadError(`Das Verzeichnis ${dir} gibt es auf dem Server nicht.`, false);
  });
}

function ftpError(error: unknown): FeedUploadError {
  const code = (error as { code?: number }).code;
  const message = (error as Error).message;
  // 530 = not logged in (RFC 959): wrong user or password, not worth retrying.
  if (code === 530) return new FeedUploadError(`Der FTP-Server lehnt die Anmeldung ab: ${message}`, false);
  if (code === 550) return new FeedUploadError(`Der FTP-Server verweigert den Zugriff: ${message}`, false);
  return new FeedUploadError(`FTP-Upload fehlgeschlagen: ${message}`, true);
}
