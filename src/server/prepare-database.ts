// Creates and migrates a fresh embedded database in its own short-lived process. PGlite's
// initdb step grows the WebAssembly heap to ~800 MB and that memory is never handed back, so
// doing it here lets the long-running server start at a fraction of that.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/open-database.js';

try {
  const config = loadConfig();
  const fresh = !config.env.DATABASE_URL && !existsSync(join(config.dataDir, 'db', 'PG_VERSION'));
  if (fresh) {
    console.log('Eingebettete Datenbank wird angelegt …');
    const database = await openDatabase(config);
    await database.close();
  }
} catch (error) {
  // The server reports configuration problems and a database in use with the full message.
  if (!(error instanceof ConfigError || error instanceof DataDirLockedError)) throw error;
}
