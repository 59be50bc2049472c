import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import type { FileStorage } from '../../files/file-storage.js';
import type { Database } from '../database.js';
import { shippedMigrationCount } from '../migrate.js';
import { TargetNotEmptyError } from './copy-database.js';
import {
  handOpenRunsToNewEngine,
  insertRows,
  listTables,
  nonEmptyTables,
  normaliseSession,
  openSession,
  readPages,
  resetSequences,
  type TableInfo,
  tableSum,
} from './table-copy.js';

/** Raised when the archive's layout changes. */
export const BACKUP_FORMAT = 1;

export interface BackupManifest {
  format: number;
  createdAt: string;
  database: 'pglite' | 'postgres';
  /** Migrations applied when the backup was made; a restore needs a build at the same level. */
  migrations: number;
  tables: { name: string; rows: number; checksum: string }[];
  files: { key: string; size: number; sha256: string }[];
}

const README = `ImmoXX-Sicherung

Inhalt: manifest.json (Tabellen mit Zeilenzahl und Prüfsumme, Dateien mit SHA-256),
database/<tabelle>.jsonl (eine Zeile je Datensatz), files/ (alle hochgeladenen Dateien).

NICHT enthalten sind die Schlüssel: DATA_DIR/encryption.key und DATA_DIR/auth-secret.key
(oder ENCRYPTION_KEY und AUTH_SECRET). Ohne denselben ENCRYPTION_KEY lassen sich die
gespeicherten Zugangsdaten (Portale, Plattformen, Postfächer) nach einer Wiederherstellung
nicht mehr lesen. Bewahren Sie die Schlüssel getrennt von dieser Sicherung auf.

Wiederherstellen: npm run restore -- <datei>   (in eine leere Datenbank derselben Version)
`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Writes one archive (tar.gz) with every table as JSON lines, every file, a manifest with
 * checksums and a reminder about the keys. On PostgreSQL the tables are read in one
 * repeatable-read transaction, so the copy is consistent while the servers keep running.
 */
export async function writeBackup(
  database: Database,
  files: FileStorage,
  outFile: string,
  onProgress?: (message: string) => void,
): Promise<BackupManifest> {
  const work = await mkdtemp(join(tmpdir(), 'immoxx-backup-'));
  const session = await openSession(database);
  try {
    await normaliseSession(session);
    if (database.kind === 'postgres') await session.query('begin isolation level repeatable read read only');
    const tables = await listTables(session);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: database.kind,
      migrations: shippedMigrationCount(),
      tables: [],
      files: [],
    };
    await mkdir(join(work, 'database'), { recursive: true });
    for (const table of tables) {
      const out = createWriteStream(join(work, 'database', `${table.name}.jsonl`));
      for await (const page of readPages(session, table)) {
        if (!out.write(`${page.join('\n')}\n`))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve());
      });
      manifest.tables.push({ name: table.name, ...(await tableSum(session, table)) });
    }
    if (database.kind === 'postgres') await session.query('commit');
    onProgress?.(`${manifest.tables.length} Tabellen gesichert`);
    for (const key of await files.list('')) {
      const data = await files.read(key);
      const path = join(work, 'files', key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
      manifest.files.push({ key, size: data.length, sha256: sha256(data) });
    }
    onProgress?.(`${manifest.files.length} Dateien gesichert`);
    await writeFile(join(work, 'manifest.json'), JSON.stringify(manifest, null, 1));
    await writeFile(join(work, 'LIESMICH.txt'), README);
    await mkdir(dirname(outFile), { recursive: true });
    await tar.create({ gzip: true, file: outFile, cwd: work, portable: true }, [
      'manifest.json',
      'LIESMICH.txt',
      'database',
      ...(manifest.files.length > 0 ? ['files'] : []),
    ]);
    return manifest;
  } finally {
    session.release();
    await rm(work, { recursive: true, force: true });
  }
}

export class BackupMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupMismatchError';
  }
}

/**
 * Restores an archive into an empty database of the same schema level and the configured file
 * storage. Tables go in within one transaction and are checked against the manifest's counts
 * and checksums before it commits; every file is checked by SHA-256 as it is written.
 */
export async function restoreBackup(
  archive: string,
  database: Database,
  files: FileStorage,
  onProgress?: (message: string) => void,
): Promise<BackupManifest> {
  const work = await mkdtemp(join(tmpdir(), 'immoxx-restore-'));
  const session = await openSession(database);
  try {
    await pipeline(createReadStream(archive), tar.extract({ cwd: work, strict: true }));
    const manifest = JSON.parse(await readFile(join(work, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT)
      throw new BackupMismatchError(`unknown backup format ${manifest.format}`);
    if (manifest.migrations !== shippedMigrationCount())
      throw new BackupMismatchError(
        `the backup is at schema level ${manifest.migrations}, this build at ${shippedMigrationCount()}: restore with the build of the backup's version, then update`,
      );
    await normaliseSession(session);
    const tables = new Map((await listTables(session)).map((t) => [t.name, t]));
    const wanted = manifest.tables.map((t) => tables.get(t.name)).filter((t): t is TableInfo => Boolean(t));
    if (wanted.length !== manifest.tables.length)
      throw new BackupMismatchError('the backup names tables this database lacks');
    const filled = await nonEmptyTables(session, wanted);
    if (filled.length > 0) throw new TargetNotEmptyError(filled);
    await session.query('begin');
    try {
      const paused = await session.query('set session_replication_role = replica').then(
        () => true,
        () => false,
      );
      for (const table of wanted) {
        const lines = createInterface({
          input: createReadStream(join(work, 'database', `${table.name}.jsonl`)),
        });
        let batch: string[] = [];
        for await (const line of lines) {
          if (!line) continue;
          batch.push(line);
          if (batch.length === 500) {
            await insertRows(session, table, batch);
            batch = [];
          }
        }
        await insertRows(session, table, batch);
      }
      if (paused) await session.query('set session_replication_role = origin');
      await resetSequences(session);
      for (const expected of manifest.tables) {
        const sum = await tableSum(session, tables.get(expected.name)!);
        if (sum.rows !== expected.rows || sum.checksum !== expected.checksum)
          throw new BackupMismatchError(
            `${expected.name}: ${sum.rows} rows read back, ${expected.rows} in the backup (or their checksum differs)`,
          );
      }
      await handOpenRunsToNewEngine(session);
      await session.query('commit');
    } catch (error) {
      await session.query('rollback').catch(() => undefined);
      throw error;
    }
    onProgress?.(`${manifest.tables.length} Tabellen wiederhergestellt und geprüft`);
    for (const file of manifest.files) {
      const data = await readFile(join(work, 'files', file.key));
      if (sha256(data) !== file.sha256)
        throw new BackupMismatchError(`file ${file.key} differs from its checksum`);
      await files.put(file.key, data);
    }
    onProgress?.(`${manifest.files.length} Dateien wiederhergestellt und geprüft`);
    return manifest;
  } finally {
    session.release();
    await rm(work, { recursive: true, force: true });
  }
}
