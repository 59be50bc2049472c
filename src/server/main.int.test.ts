import { spawn, spawnSync } from 'node:child_process';
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

describe('server start-up on a data directory it cannot use', () => {
  it('says DATA_DIR cannot be used instead of hanging or showing a raw database error', () => {
    const result = startWith({ DATA_DIR: '/proc/immoxx-x', DATABASE_URL: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATA_DIR /proc/immoxx-x cannot be used');
  });

  it('refuses a second server on the same embedded database and names the first (issue 17.9)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-main-'));
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    const first = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...env, PORT: '5391' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        first.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('läuft auf') && resolve());
        first.on('exit', (code) => reject(new Error(`first server exited with ${code}`)));
      });
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...env, PORT: '5392' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`in use by process ${first.pid}`);
    } finally {
      first.kill('SIGKILL');
    }
  }, 240_000);
});
