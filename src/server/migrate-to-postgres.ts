// `npm run migrate-to-postgres -- postgres://user:password@host:5432/immoxx`
// Grows an installation out of the embedded database: every row of DATA_DIR's PGlite goes into
// an empty PostgreSQL database (migrated to this build's schema first), in one transaction,
// checked table by table by row count and checksum. With FILE_STORAGE=s3 and the S3_* settings
// the files go into the bucket as well, each read back and compared by SHA-256. Stop the server
// first (the embedded database belongs to one process).
import { join } from 'node:path';
import { loadConfig } from '../platform/config/load-config.js';
import { runMigrations } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open-database.js';
import { openPostgres } from '../platform/db/open-postgres.js';
import { copyDatabase } from '../platform/db/transfer/copy-database.js';
import { handOpenRunsToNewEngine } from '../platform/db/transfer/table-copy.js';
import { copyFiles } from '../platform/files/copy-files.js';
import { createFileStorage } from '../platform/files/create-file-storage.js';
import { createLocalFileStorage } from '../platform/files/local-file-storage.js';
import { formatBytes, formatNumber } from '../platform/format/format-de.js';
import { runCli } from './run-cli.js';

const targetUrl = process.argv[2] ?? process.env.TARGET_DATABASE_URL;
if (!targetUrl || !/^postgres(ql)?:\/\//.test(targetUrl)) {
  console.error('Aufruf: npm run migrate-to-postgres -- postgres://benutzer:passwort@host:5432/datenbank');
  process.exit(2);
}

await runCli(async () => {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const config = loadConfig(env);
  console.log(`Quelle: eingebettete Datenbank in ${join(config.dataDir, 'db')}`);
  const source = await openDatabase(config);
  const target = await openPostgres(targetUrl, 4);
  try {
    await runMigrations(target);
    const started = Date.now();
    const report = await copyDatabase(source, target, (table, rows, index, total) => {
      if (rows > 0) console.log(`  [${index}/${total}] ${table}: ${formatNumber(rows)} Zeilen`);
    });
    await handOpenRunsToNewEngine({
      query: async <T>(text: string) => (await target.executeSql(text, [])).rows as T[],
    });
    console.log(
      `${formatNumber(report.rows)} Zeilen in ${report.tables.length} Tabellen übertragen und geprüft (Anzahl und Prüfsumme je Tabelle stimmen) in ${formatNumber((Date.now() - started) / 1000, 'de', 1)} s.`,
    );
  } finally {
    await target.close();
    await source.close();
  }

  if (config.env.FILE_STORAGE === 's3') {
    const files = await copyFiles(
      createLocalFileStorage(join(config.dataDir, 'files')),
      await createFileStorage(config),
    );
    console.log(
      `Dateien: ${formatNumber(files.files)}, davon ${formatNumber(files.copied)} in den Bucket kopiert (${formatBytes(files.bytes)}), ${formatNumber(files.skipped)} waren schon dort.`,
    );
    if (files.mismatched.length > 0) {
      console.error(`Abweichend gelesen: ${files.mismatched.join(', ')}`);
      process.exit(1);
    }
  } else {
    console.log(
      `Dateien bleiben in ${join(config.dataDir, 'files')}: DATA_DIR beibehalten (oder FILE_STORAGE=s3 setzen und erneut aufrufen).`,
    );
  }
  console.log(
    `\nSchlüssel: Sitzungen und verschlüsselte Zugangsdaten hängen an ${join(config.dataDir, 'auth-secret.key')} und ${join(config.dataDir, 'encryption.key')}` +
      ' (oder AUTH_SECRET/ENCRYPTION_KEY). Dieselben Schlüssel weiterverwenden.\nJetzt DATABASE_URL setzen und den Server starten.',
  );
});
