// `npm run new-module -- <id> "<Titel deutsch>" "<English title>" [page-address]`: a new module
// from the template (src/platform/modules/scaffold), registered in the build, formatted, and
// with the next steps printed. Example: npm run new-module -- key_facts "Eckdaten" "Key facts" eckdaten
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ScaffoldError, scaffoldModule } from '../src/platform/modules/scaffold/scaffold-module.js';

const [id, titleDe, titleEn, path] = process.argv.slice(2);
if (!id || !titleDe || !titleEn) {
  console.error('Usage: npm run new-module -- <id> "<Titel deutsch>" "<English title>" [page-address]');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
try {
  const result = scaffoldModule(root, { id, titleDe, titleEn, ...(path ? { path } : {}) });
  // The templates are written for reading; biome puts them (and the edited lists) in house style.
  execFileSync('npx', ['biome', 'check', '--write', ...result.created, ...result.changed], {
    cwd: root,
    stdio: 'ignore',
  });
  console.log(`Created:\n  ${result.created.join('\n  ')}\nRegistered in:\n  ${result.changed.join('\n  ')}`);
  console.log(`
Next:
  1. npm run db:generate -- --name ${id}        (the migration for its table)
  2. npx vitest run src/modules/${id}           (its integration test)
  3. npm run dev, then open /${path ?? id.replaceAll('_', '-')} as an owner
Then grow it: see docs/developer-guide.md, "Writing a module".`);
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  console.error(error.message);
  process.exit(1);
}
