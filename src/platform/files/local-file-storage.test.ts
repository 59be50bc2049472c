import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalFileStorage } from './local-file-storage.js';

const root = mkdtempSync(join(tmpdir(), 'immoxx-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local file storage usage', () => {
  it("counts an office's files and bytes, nested folders included, and nobody else's", async () => {
    const files = createLocalFileStorage(root);
    await files.put('tenants/a/branding/logo.png', Buffer.alloc(1000));
    await files.put('tenants/a/ai/g1/reel.mp4', Buffer.alloc(2500));
    await files.put('tenants/ab/other.bin', Buffer.alloc(7));
    expect(await files.usage('tenants/a/')).toEqual({ bytes: 3500, files: 2 });
    expect(await files.usage('tenants/ab')).toEqual({ bytes: 7, files: 1 });
    expect(await files.usage('tenants/none/')).toEqual({ bytes: 0, files: 0 });
  });
});
