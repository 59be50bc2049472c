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
export async function uploadFeed(target: FeedTarget, fileName: string, zip: Uint8Array): Promise<void> {
  const dir = target.remoteDir || '/';
  const final = posix.join(dir, fileName);
  const partial = `${final}.part`;
  if (target.transport === 'ftp') {
    const client = new FtpClient(TIMEOUT_MS);
    try {
      await client.access({
        host: target.host,
        port: target.port ?? 21,
        user: target.username,
        password: target.password,
      });
      await client.uploadFrom(Readable.from(Buffer.from(zip)), partial);
      await client.rename(partial, final);
    } catch (error) {
      throw ftpError(error);
    } finally {
      client.close();
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
    await sftp.put(Buffer.from(zip), partial);
    await sftp.rename(partial, final);
  } catch (error) {
    const message = (error as Error).message;
    throw new FeedUploadError(
      `SFTP-Upload fehlgeschlagen: ${message}`,
      !/authentication|auth fail|permission denied/i.test(message),
    );
  } finally {
    await sftp.end().catch(() => undefined);
  }
}

/** Checks host, login and directory without uploading anything: for the "Verbindung testen" button. */
export async function checkFeedTarget(target: FeedTarget): Promise<void> {
  if (target.transport === 'ftp') {
    const client = new FtpClient(TIMEOUT_MS);
    try {
      await client.access({
        host: target.host,
        port: target.port ?? 21,
        user: target.username,
        password: target.password,
      });
      await client.cd(target.remoteDir || '/');
    } catch (error) {
      throw ftpError(error);
    } finally {
      client.close();
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
    if (!(await sftp.exists(target.remoteDir || '/')))
      throw new FeedUploadError(`Das Verzeichnis ${target.remoteDir} gibt es auf dem Server nicht.`, false);
  } catch (error) {
    if (error instanceof FeedUploadError) throw error;
    throw new FeedUploadError(`SFTP-Verbindung fehlgeschlagen: ${(error as Error).message}`, false);
  } finally {
    await sftp.end().catch(() => undefined);
  }
}

function ftpError(error: unknown): FeedUploadError {
  const code = (error as { code?: number }).code;
  const message = (error as Error).message;
  // 530 = not logged in (RFC 959): wrong user or password, not worth retrying.
  if (code === 530) return new FeedUploadError(`Der FTP-Server lehnt die Anmeldung ab: ${message}`, false);
  if (code === 550) return new FeedUploadError(`Der FTP-Server verweigert den Zugriff: ${message}`, false);
  return new FeedUploadError(`FTP-Upload fehlgeschlagen: ${message}`, true);
}
