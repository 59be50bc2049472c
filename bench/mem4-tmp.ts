import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const { loadConfig } = await import('../src/platform/config/load-config.js');
const { openDatabase } = await import('../src/platform/db/open-database.js');
const { MODULE_MANIFESTS } = await import('../src/server/module-list.js');
console.log('imported', mb());
const config = loadConfig({
  ...process.env,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'm-')),
  DEMO_PASSWORD: 'Bench-Passwort-2026',
  LOG_LEVEL: 'warn',
});
const db = await openDatabase(config);
console.log('openDatabase (fresh, migrated)', mb());
for (const m of MODULE_MANIFESTS) {
  await m.server();
  console.log('server', m.id, mb());
}
await db.close();
console.log('closed db', mb());
