import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  access,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  statfs,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertSafeKey, FileNotFoundError, type FileStorage, storageError } from './file-storage.js';

export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(root, key);
  };
  const notFound = (key: string, error: unknown): never => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
    throw error;
  };
  const list = async (prefix: string): Promise<string[]> => {
    const base = prefix.replace(/\/+$/, '');
    const keys: string[] = [];
    const walk = async (dir: string, key: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue; // the readiness probe's file
        const childKey = key ? `${key}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(join(dir, entry.name), childKey);
        else if (entry.isFile() && !entry.name.endsWith('.tmp')) keys.push(childKey);
      }
    };
    // '' lists everything (a copy of the whole storage).
    await walk(base === '' ? root : pathOf(base), base);
    return keys.sort();
  };
  return {
    kind: 'local',
    async put(key, data) {
      const path = pathOf(key);
      // Write then rename so a reader never sees half a file.
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        // A delete may just have removed the (then empty) folder: made again once.
        await writeFile(temp, data).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
          await mkdir(dirname(path), { recursive: true });
          await writeFile(temp, data);
        });
        await rename(temp, path);
      } catch (error) {
        // A full disk leaves a partial temp file: it must not stay behind.
        await rm(temp, { force: true }).catch(() => undefined);
        throw storageError(error);
      }
      return { size: data.length };
    },
    async read(key) {
      return readFile(pathOf(key)).catch((error) => notFound(key, error));
    },
    async stream(key) {
      const path = pathOf(key);
      await access(path).catch((error) => notFound(key, error));
      return createReadStream(path);
    },
    async exists(key) {
      return access(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      // Folders made for a file go with their last file (a generation's own folder, say).
      for (let dir = dirname(path); dir.startsWith(`${root}/`); dir = dirname(dir)) {
        const removed = await rmdir(dir).then(
          () => true,
          () => false,
        );
        if (!removed) break;
      }
    },
    list,
    async usage(prefix) {
      let bytes = 0;
      const keys = await list(prefix);
      for (const key of keys) bytes += (await stat(pathOf(key))).size;
      return { bytes, files: keys.length };
    },
    async probe() {
      const probe = join(root, `.probe-${process.pid}`);
      let writable = true;
      try {
        await mkdir(root, { recursive: true });
        await writeFile(probe, 'ok');
      } catch {
        writable = false;
      } finally {
        await rm(probe, { force: true }).catch(() => undefined);
      }
      const stats = await statfs(root).catch(() => null);
      return { writable, freeBytes: stats ? stats.bavail * stats.bsize : null };
    },
  };
}
