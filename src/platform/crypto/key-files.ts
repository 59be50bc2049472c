import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/load-config.js';

export interface AppSecrets {
  authSecret: string;
  encryptionKey: Buffer;
}

/** Reads a secret from DATA_DIR, creating it (mode 0600) on the first start. */
function readOrCreate(path: string, create: () => string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = create();
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/**
 * AUTH_SECRET and ENCRYPTION_KEY from the environment when set (required for a cluster of
 * servers); otherwise key files generated once in DATA_DIR so the embedded default just works.
 */
export function loadSecrets(config: AppConfig): AppSecrets {
  const needFiles = !config.env.AUTH_SECRET || !config.env.ENCRYPTION_KEY;
  if (needFiles) mkdirSync(config.dataDir, { recursive: true });
  const authSecret =
    config.env.AUTH_SECRET ??
    readOrCreate(join(config.dataDir, 'auth-secret.key'), () => randomBytes(32).toString('base64url'));
  const keyHex =
    config.env.ENCRYPTION_KEY ??
    readOrCreate(join(config.dataDir, 'encryption.key'), () => randomBytes(32).toString('hex'));
  return { authSecret, encryptionKey: Buffer.from(keyHex, 'hex') };
}
