import { ConfigError } from '../platform/config/config-error.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { BackupMismatchError } from '../platform/db/transfer/backup.js';
import { TargetNotEmptyError } from '../platform/db/transfer/copy-database.js';

/** The sentence an operator gets for a mistake they can fix, or null for a real failure. */
function operatorMessage(error: unknown): string | null {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DataDirLockedError) return `${error.message}\nErst den Server beenden.`;
  if (error instanceof TargetNotEmptyError)
    return `Ziel nicht leer: Die Datenbank enthält schon Daten (${error.tables.slice(0, 5).join(', ')} …). Nur in eine leere Datenbank.`;
  if (error instanceof BackupMismatchError) return `Sicherung passt nicht: ${error.message}`;
  return null;
}

/**
 * Runs a one-shot command (backup, restore, migrate-to-postgres): exit 0 when it is done, even
 * if a pool keeps a handle open; an operator's mistake as one German sentence and exit 1;
 * anything else thrown with its stack, since that is a bug to report.
 */
export async function runCli(command: () => Promise<void>): Promise<never> {
  try {
    await command();
  } catch (error) {
    const message = operatorMessage(error);
    if (message === null) throw error;
    console.error(`\n${message}`);
    process.exit(1);
  }
  process.exit(0);
}
