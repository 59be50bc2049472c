// `npm run db:migrate`: the one-shot migration step of a cluster (compose service, Kubernetes
// Job). It migrates the schema under an advisory lock, seeds the demo office where SEED_DEMO
// wants one, grants SUPERADMIN_EMAILS, and exits; the servers run with MIGRATE_ON_START=false
// and wait for it, so replicas never race on schema changes.
import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { openDatabase } from '../platform/db/open-database.js';
import { createPlatform } from '../platform/kernel.js';
import { grantConfiguredSuperadmins } from '../platform/superadmin/grant-superadmin.js';
import { seedDemo } from '../platform/tenancy/seed-demo.js';
import { MODULE_MANIFESTS } from './module-list.js';

try {
  const loaded = loadConfig();
  const config = { ...loaded, env: { ...loaded.env, MIGRATE_ON_START: true } };
  const started = Date.now();
  const database = await openDatabase(config);
  console.log(`Datenbank migriert (${database.kind}, ${Date.now() - started} ms).`);
  const platform = await createPlatform(config, MODULE_MANIFESTS, { database });
  try {
    const demo = await seedDemo(platform);
    if (demo) console.log(`Demo login: ${demo.email} / ${demo.password}`);
    await grantConfiguredSuperadmins(database, config.env.SUPERADMIN_EMAILS, (message) =>
      console.warn(message),
    );
  } finally {
    await platform.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n\nSee .env.example for every setting.`);
    process.exit(1);
  }
  throw error;
}
