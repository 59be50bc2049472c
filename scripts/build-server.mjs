// Compiles the server's TypeScript to plain JavaScript in build/ (same depth as src/, so paths
// such as ../../../drizzle still resolve), for `npm start` and the benchmarks. Running the
// sources through tsx kept every module's transformed text and source map in memory: the
// compiled server starts with about 100 MB less (issue 19, measured with npm run bench:all).
// Development (`npm run dev`) and the tests still run the sources directly.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(root, 'src');
export const SERVER_BUILD = join(root, 'build');
const STAMP = join(SERVER_BUILD, '.built-at');

/** Files of the server: TypeScript except tests and the web client's components; data files next to them. */
function* serverFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* serverFiles(path);
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.tsx')) yield path;
  }
}

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  for (const file of serverFiles(SRC)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

export function serverBuildIsStale() {
  return !existsSync(STAMP) || newestSource() > statSync(STAMP).mtimeMs;
}

export async function buildServer() {
  const files = [...serverFiles(SRC)];
  rmSync(SERVER_BUILD, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir: SERVER_BUILD,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    const target = join(SERVER_BUILD, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(STAMP, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
