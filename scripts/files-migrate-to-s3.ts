// `npm run files:migrate-to-s3 [-- --dry-run]`: copies DATA_DIR/files into the S3 bucket set by
// S3_BUCKET, S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (FILE_STORAGE may still be
// local while this runs). Every copy is read back and compared by SHA-256; a second run copies
// only what is missing. Afterwards set FILE_STORAGE=s3 and restart. Stop the server first, or
// run it once more after the switch to catch files uploaded meanwhile.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../src/platform/config/config-error.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import { copyFiles } from '../src/platform/files/copy-files.js';
import { createFileStorage } from '../src/platform/files/create-file-storage.js';
import { createLocalFileStorage } from '../src/platform/files/local-file-storage.js';
import { formatBytes } from '../src/platform/format/format-de.js';

const dryRun = process.argv.includes('--dry-run');
try {
  const loaded = loadConfig();
  const config = loadConfig({ ...process.env, FILE_STORAGE: 's3' });
  const source = join(loaded.dataDir, 'files');
  if (!existsSync(source)) {
    console.log(`Keine Dateien unter ${source}: nichts zu übertragen.`);
    process.exit(0);
  }
  const target = await createFileStorage(config);
  const probe = await target.probe();
  if (!probe.writable) {
    console.error(
      `Der Bucket ${config.env.S3_BUCKET} ist nicht beschreibbar (Zugangsdaten, Endpunkt, Bucket angelegt?).`,
    );
    process.exit(1);
  }
  let last = 0;
  const report = await copyFiles(createLocalFileStorage(source), target, {
    dryRun,
    onProgress: (done, total) => {
      if (Date.now() - last < 1000 && done !== total) return;
      last = Date.now();
      process.stdout.write(`\r${done} von ${total} Dateien geprüft`);
    },
  });
  process.stdout.write('\n');
  console.log(
    `${dryRun ? 'Probelauf: ' : ''}${report.files} Dateien, ${report.copied} ${dryRun ? 'zu kopieren' : 'kopiert'} (${formatBytes(report.bytes)}), ${report.skipped} schon im Bucket.`,
  );
  if (report.mismatched.length > 0) {
    console.error(`Nach zwei Versuchen abweichend gelesen: ${report.mismatched.join(', ')}`);
    process.exit(1);
  }
  if (!dryRun) console.log('Jetzt FILE_STORAGE=s3 setzen und den Server neu starten.');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n\nSee .env.example for every setting.`);
    process.exit(1);
  }
  throw error;
}
