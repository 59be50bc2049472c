import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'glb-to-fbx.py');
/** A conversion is a few seconds; a hung Blender must not hold the request forever. */
const TIMEOUT_MS = 120_000;

export type FbxAvailability = { available: true; version: string } | { available: false; reason: string };

const probes = new Map<string, Promise<FbxAvailability>>();

/** Whether the Blender binary (BLENDER_PATH, `blender` on the PATH by default) is there; asked once. */
export function fbxAvailability(blender: string): Promise<FbxAvailability> {
  let probe = probes.get(blender);
  if (probe) return probe;
  probe = run(blender, ['--version'], { timeout: 20_000 })
    .then(
      ({ stdout }): FbxAvailability => ({
        available: true,
        version: /Blender\s+([\d.]+)/.exec(stdout)?.[1] ?? 'unbekannt',
      }),
    )
    .catch(
      (): FbxAvailability => ({
        available: false,
        reason:
          'FBX-Export braucht Blender auf dem Server (Debian: apt-get install blender, oder BLENDER_PATH setzen). GLB und OBJ gehen immer.',
      }),
    );
  probes.set(blender, probe);
  return probe;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * GLB → binary FBX through headless Blender's own glTF importer and FBX exporter. One
 * conversion at a time: each Blender takes a few hundred MB.
 */
export function exportFbx(blender: string, glb: Uint8Array): Promise<Buffer> {
  const next = queue.then(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'immoxx-fbx-'));
    try {
      const source = join(dir, 'model.glb');
      const target = join(dir, 'model.fbx');
      await writeFile(source, glb);
      await run(
        blender,
        [
          '-b',
          '--factory-startup',
          '-noaudio',
          '--python-exit-code',
          '1',
          '--python',
          SCRIPT,
          '--',
          source,
          target,
        ],
        {
          timeout: TIMEOUT_MS,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return await readFile(target);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  queue = next.catch(() => undefined);
  return next;
}
