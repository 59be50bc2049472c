import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 18.18: the kernel and the web shell know no module. Only the composition roots name
 * them (src/server/module-list.ts, src/web/module-list.ts); test support may wire them too.
 */
const src = join(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const moduleImports = (dir: string, allowed: (file: string) => boolean) =>
  files(join(src, dir))
    .filter((file) => !/\.test\.tsx?$/.test(file) && !allowed(relative(src, file)))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*from '(\.[^']*)'/gm)]
        .filter((m) => resolve(dirname(file), m[1] as string).startsWith(join(src, 'modules')))
        .map((m) => `${relative(src, file)} → ${m[1]}`),
    );

describe('layering', () => {
  it('src/platform imports no module (test support excepted)', () => {
    expect(
      moduleImports('platform', (f) => f.startsWith('platform/testing/') || f.includes('/test/')),
    ).toEqual([]);
  });

  it('the web shell imports no module but through its composition root', () => {
    expect(moduleImports('web', (f) => f === 'web/module-list.ts')).toEqual([]);
  });
});
