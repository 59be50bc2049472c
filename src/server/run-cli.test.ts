import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../platform/config/config-error.js';
import { TargetNotEmptyError } from '../platform/db/transfer/copy-database.js';
import { runCli } from './run-cli.js';

class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

afterEach(() => vi.restoreAllMocks());

const run = async (command: () => Promise<void>) => {
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(code === undefined || code === null ? undefined : Number(code));
  });
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const outcome = await runCli(command).catch((error: unknown) => error);
  return { outcome, printed: stderr.mock.calls.map((call) => String(call[0])).join('\n') };
};

describe('runCli', () => {
  it('exits 0 when the command is done', async () => {
    const { outcome } = await run(async () => undefined);
    expect(outcome).toEqual(new Exit(0));
    expect((outcome as Exit).code).toBe(0);
  });

  it('turns an operator’s mistake into one German sentence and exit 1', async () => {
    const { outcome, printed } = await run(async () => {
      throw new TargetNotEmptyError(['crm_contact', 'crm_property']);
    });
    expect((outcome as Exit).code).toBe(1);
    expect(printed).toContain(
      'Ziel nicht leer: Die Datenbank enthält schon Daten (crm_contact, crm_property …)',
    );
    const config = await run(async () => {
      throw new ConfigError('Invalid configuration: PORT');
    });
    expect(config.printed).toContain('Invalid configuration: PORT');
  });

  it('lets a real failure through with its stack', async () => {
    const failure = new Error('disk on fire');
    const { outcome, printed } = await run(async () => {
      throw failure;
    });
    expect(outcome).toBe(failure);
    expect(printed).toBe('');
  });
});
