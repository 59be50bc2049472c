import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log('base', mb());
const { loadConfig } = await import('../src/platform/config/load-config.js');
const { createPlatform, startPlatform } = await import('../src/platform/kernel.js');
const { MODULE_MANIFESTS } = await import('../src/server/module-list.js');
const { buildApp } = await import('../src/platform/http/build-app.js');
const { seedDemo } = await import('../src/platform/tenancy/seed-demo.js');
console.log('imported kernel', mb());
const config = loadConfig({
  ...process.env,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'm-')),
  DEMO_PASSWORD: 'Bench-Passwort-2026',
  LOG_LEVEL: 'warn',
});
const platform = await createPlatform(config, MODULE_MANIFESTS);
console.log('createPlatform', mb());
const app = await buildApp(platform);
console.log('buildApp', mb());
await seedDemo(platform);
console.log('seedDemo', mb());
await startPlatform(platform);
console.log('started', mb());
await new Promise((r) => setTimeout(r, 15000));
console.log('15s later', mb());
for (const m of Object.keys(await import('node:module').then(() => ({})))) void m;
await app.close();
await platform.close();
