import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 18.1's patterns, kept from coming back: a number or date formatted without a locale
 * prints in whatever language the server or browser happens to run ("12.4 m²", "3/14/2034").
 * Formatting goes through src/platform/format/format-de.ts.
 */
const root = join(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );

describe('no formatting without a locale', () => {
  it('finds no toLocaleString()/toLocaleDateString(undefined, …) in the source', () => {
    const offenders = files(root).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /toLocale(Date|Time)?String\((undefined|\))/.test(line) ? [`${relative(root, file)}:${i + 1}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});
