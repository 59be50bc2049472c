import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts the real entry point with a broken environment; it must explain and exit non-zero. */
function startWith(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'immoxx-main-')), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('server start-up with bad configuration', () => {
  it('names the bad variable and exits with status 1', () => {
    const result = startWith({ PORT: 'fünftausend', DATABASE_URL: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('.env.example');
  });

  it('refuses an unknown module switch', () => {
    const result = startWith({ MODULE_SOZIAL: 'true' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MODULE_SOZIAL: unknown module "sozial"/);
  });
});
