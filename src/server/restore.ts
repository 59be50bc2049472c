// `npm run restore -- <file.tar.gz>`: brings a backup back into an empty database of the same
// schema level (DATABASE_URL, or a new DATA_DIR for the embedded one) and the configured file
// storage; every table is checked against the backup's counts and checksums before it commits.
// Put the same keys (encryption.key, auth-secret.key or the variables) in place as well.
import { existsSync } from 'node:fs';
import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/open-database.js';
import { BackupMismatchError, restoreBackup } from '../platform/db/transfer/backup.js';
import { TargetNotEmptyError } from '../platform/db/transfer/copy-database.js';
import { createFileStorage } from '../platform/files/create-file-storage.js';
import { formatDateTime, formatNumber } from '../platform/format/format-de.js';

const archive = process.argv[2];
if (!archive || !existsSync(archive)) {
  console.error(
    archive ? `Datei nicht gefunden: ${archive}` : 'Aufruf: npm run restore -- <sicherung.tar.gz>',
  );
  process.exit(2);
}
try {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const manifest = await restoreBackup(archive, database, await createFileStorage(config), (m) =>
      console.log(m),
    );
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Wiederhergestellt: Sicherung vom ${formatDateTime(manifest.createdAt)}, ${formatNumber(rows)} Zeilen, ${formatNumber(manifest.files.length)} Dateien.`,
    );
  } finally {
    await database.close();
  }
  process.exit(0);
} catch (error) {
  if (error instanceof ConfigError) console.error(`\n${error.message}`);
  else if (error instanceof DataDirLockedError) console.error(`\n${error.message}\nErst den Server beenden.`);
  else if (error instanceof TargetNotEmptyError)
    console.error(
      `\nZiel nicht leer: Die Datenbank enthält schon Daten (${error.tables.slice(0, 5).join(', ')} …). Nur in eine leere Datenbank.`,
    );
  else if (error instanceof BackupMismatchError) console.error(`\nSicherung passt nicht: ${error.message}`);
  else throw error;
  process.exit(1);
}
