// `npm run backup [-- <file.tar.gz>]`: one archive with every table, every file, checksums and a
// reminder that the keys are kept apart (default: backups/immoxx-<date>.tar.gz). On the embedded
// database stop the server first; on PostgreSQL it runs alongside (one consistent snapshot).
import { join } from 'node:path';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/db/open-database.js';
import { writeBackup } from '../platform/db/transfer/backup.js';
import { createFileStorage } from '../platform/files/create-file-storage.js';
import { formatBytes, formatNumber } from '../platform/format/format-de.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
  const outFile = process.argv[2] ?? join(process.cwd(), 'backups', `immoxx-${stamp}.tar.gz`);
  const database = await openDatabase(config);
  try {
    const manifest = await writeBackup(database, await createFileStorage(config), outFile, (m) =>
      console.log(m),
    );
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
    console.log(
      `Sicherung geschrieben: ${outFile}\n${formatNumber(rows)} Zeilen in ${manifest.tables.length} Tabellen, ${formatNumber(manifest.files.length)} Dateien (${formatBytes(bytes)}).`,
    );
    console.log(
      `Nicht enthalten: die Schlüssel (${join(config.dataDir, 'encryption.key')}, ${join(config.dataDir, 'auth-secret.key')} bzw. ENCRYPTION_KEY/AUTH_SECRET). Getrennt aufbewahren.`,
    );
  } finally {
    await database.close();
  }
});
