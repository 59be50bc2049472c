import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WORKER = join(import.meta.dirname, 'test', 'recovery-worker.ts');
const baseEnv = (dataDir: string) => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' });

describe('a job whose server was killed (issue 17.10, pg-boss on the embedded database)', () => {
  it('is run again when the server comes back, instead of staying "running" for an hour', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'immoxx-recovery-'));
    const first = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...baseEnv(dataDir), HANG: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const runId = await new Promise<string>((resolve, reject) => {
      first.stdout.on('data', (chunk: Buffer) => {
        const match = /RUNNING (\S+)/.exec(chunk.toString());
        if (match?.[1]) resolve(match[1]);
      });
      first.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const second = spawnSync(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...baseEnv(dataDir), RUN_ID: runId },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(second.status, second.stderr).toBe(0);
    const finished = JSON.parse(/FINISHED (.*)/.exec(second.stdout)?.[1] ?? '{}');
    expect(finished).toEqual({ status: 'completed', result: { done: 'OCR', attempt: 2 }, attempts: 2 });
  }, 180_000);
});
