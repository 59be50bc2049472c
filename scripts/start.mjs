// `npm start`: builds the web client and compiles the server when either is missing or older
// than its sources, then runs the server (which migrates the database and seeds the demo office
// on first start).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, SERVER_BUILD, serverBuildIsStale } from './build-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'dist/web/index.html');
// The web client imports shared pieces of the platform too (formats, validation messages, rbac).
const WEB_SOURCE_DIRS = ['src/web', 'src/modules', 'src/platform'];
const WEB_EXTENSIONS = /\.(tsx?|css|html|svg|json)$/;

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (WEB_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function webBuildIsStale() {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  const sources = Math.max(
    ...WEB_SOURCE_DIRS.map((d) => newestMtime(join(root, d))),
    statSync(join(root, 'vite.config.ts')).mtimeMs,
  );
  return sources > builtAt;
}

if (webBuildIsStale()) {
  console.log('Web-Oberfläche wird gebaut …');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (serverBuildIsStale()) {
  console.log('Server wird übersetzt …');
  await buildServer();
}

const prepare = spawnSync(process.execPath, [join(SERVER_BUILD, 'server/prepare-database.js')], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

const server = spawn(process.execPath, [join(SERVER_BUILD, 'server/main.js')], {
  cwd: process.cwd(),
  stdio: 'inherit',
  // Two malloc arenas instead of eight per core: libvips (sharp) and PGlite free memory the
  // default arenas keep as fragments; this cut idle RSS by ~150 MB (issue 19, bench:all).
  env: { NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
