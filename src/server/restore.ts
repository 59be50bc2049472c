// `npm run restore -- <file.tar.gz>`: brings a backup back into an empty database of the same
// schema level (DATABASE_URL, or a new DATA_DIR for the embedded one) and the configured file
// storage; every table is checked against the backup's counts and checksums before it commits.
// Put the same keys (encryption.key, auth-secret.key or the variables) in place as well.
import { existsSync } from 'node:fs';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/db/open-database.js';
import { restoreBackup } from '../platform/db/transfer/backup.js';
import { createFileStorage } from '../platform/files/create-file-storage.js';
import { formatDateTime, formatNumber } from '../platform/format/format-de.js';
import { runCli } from './run-cli.js';

const archive = process.argv[2];
if (!archive || !existsSync(archive)) {
  console.error(
    archive ? `Datei nicht gefunden: ${archive}` : 'Aufruf: npm run restore -- <sicherung.tar.gz>',
  );
  process.exit(2);
}
await runCli(async () => {
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
});
