import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ModuleNames, moduleFiles } from './module-templates.js';

export interface ScaffoldRequest {
  id: string;
  titleDe: string;
  titleEn: string;
  /** The page's address; defaults to the id with dashes. */
  path?: string;
}

/** A request the scaffolder refuses, with a sentence for the developer. */
export class ScaffoldError extends Error {}

const ID = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const PATH = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function moduleNames(request: ScaffoldRequest): ModuleNames {
  const id = request.id.trim();
  if (!ID.test(id) || id.length > 30)
    throw new ScaffoldError(
      `"${id}" is not a module id: lower-case letters, digits and single underscores, starting with a letter, at most 30 characters (e.g. key_facts).`,
    );
  const titleDe = request.titleDe.trim();
  const titleEn = request.titleEn.trim();
  if (!titleDe || !titleEn || titleDe.length > 60 || titleEn.length > 60)
    throw new ScaffoldError('Give a German and an English title of 1 to 60 characters.');
  const kebab = id.replaceAll('_', '-');
  const path = (request.path ?? kebab).trim();
  if (!PATH.test(path))
    throw new ScaffoldError(`"${path}" is not a page address: lower-case letters, digits and single dashes.`);
  const camel = id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { id, camel, kebab, path, titleDe, titleEn };
}

/** One edit of a file the build already has: text inserted at an anchor the file must contain. */
interface RegistryEdit {
  file: string;
  apply(text: string): string;
}

function insertBefore(text: string, anchor: RegExp, insertion: string, file: string): string {
  const match = anchor.exec(text);
  if (!match)
    throw new ScaffoldError(`${file} no longer has the place for a new module (${anchor}); add it by hand.`);
  return text.slice(0, match.index) + insertion + text.slice(match.index);
}

function insertAfter(text: string, anchor: RegExp, insertion: string, file: string, nth = 1): string {
  let from = 0;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i < nth; i++) {
    const rest = new RegExp(anchor.source, anchor.flags.replace('g', ''));
    match = rest.exec(text.slice(from));
    if (!match)
      throw new ScaffoldError(
        `${file} no longer has the place for a new module (${anchor}); add it by hand.`,
      );
    from += match.index + match[0].length;
  }
  return text.slice(0, from) + insertion + text.slice(from);
}

function registryEdits(n: ModuleNames): RegistryEdit[] {
  const q = (text: string) => `'${text.replaceAll("'", "\\'")}'`;
  return [
    {
      file: 'src/platform/modules/module-ids.ts',
      apply: (text) => insertBefore(text, /\] as const;/, `  ${q(n.id)},\n`, 'module-ids.ts'),
    },
    {
      file: 'src/server/module-list.ts',
      apply: (text) => {
        const imported = insertBefore(
          text,
          /\nimport type \{ ModuleManifest \}/,
          `\nimport { ${n.camel}Module } from '../modules/${n.id}/module.js';`,
          'src/server/module-list.ts',
        );
        return insertBefore(imported, /\];\s*$/, `  ${n.camel}Module,\n`, 'src/server/module-list.ts');
      },
    },
    {
      file: 'src/web/module-list.ts',
      apply: (text) =>
        insertAfter(
          text,
          /signedIn: \{\n/,
          `    ${n.id}: () => import('../modules/${n.id}/web/routes.js'),\n`,
          'src/web/module-list.ts',
        ),
    },
    {
      // The audit log names what the module records, in both languages (labels-complete.test.ts).
      file: 'src/modules/admin/web/i18n.ts',
      apply: (text) => {
        const german = insertAfter(
          text,
          /\n {4}entities: \{\n/,
          `      ${n.id}_entry: ${q(`${n.titleDe}: Einträge`)},\n`,
          'admin/web/i18n.ts',
        );
        return insertAfter(
          german,
          /\n {4}entities: \{\n/,
          `      ${n.id}_entry: ${q(`${n.titleEn}: entries`)},\n`,
          'admin/web/i18n.ts',
          2,
        );
      },
    },
    {
      file: '.env.example',
      apply: (text) => {
        const switches = [...text.matchAll(/^MODULE_[A-Z0-9_]+=true\n/gm)];
        const last = switches.at(-1);
        if (!last || last.index === undefined)
          throw new ScaffoldError('.env.example has no MODULE_ switches.');
        const at = last.index + last[0].length;
        return `${text.slice(0, at)}MODULE_${n.id.toUpperCase()}=true\n${text.slice(at)}`;
      },
    },
  ];
}

export interface ScaffoldResult {
  created: string[];
  changed: string[];
}

/**
 * Writes a new module under `root` and registers it. Everything is checked before anything is
 * written, so a refused request leaves the tree as it was.
 */
export function scaffoldModule(root: string, request: ScaffoldRequest): ScaffoldResult {
  const names = moduleNames(request);
  const ids = readFileSync(join(root, 'src/platform/modules/module-ids.ts'), 'utf8');
  if (ids.includes(`'${names.id}'`) || existsSync(join(root, 'src/modules', names.id)))
    throw new ScaffoldError(`A module "${names.id}" exists already.`);
  const taken = readdirSync(join(root, 'src/modules')).some((dir) => {
    const manifest = join(root, 'src/modules', dir, 'module.ts');
    return existsSync(manifest) && readFileSync(manifest, 'utf8').includes(`path: '/${names.path}'`);
  });
  if (taken) throw new ScaffoldError(`The page address "/${names.path}" is taken by another module.`);
  const files = moduleFiles(names);
  const edits = registryEdits(names).map((edit) => ({
    file: edit.file,
    text: edit.apply(readFileSync(join(root, edit.file), 'utf8')),
  }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  for (const edit of edits) writeFileSync(join(root, edit.file), edit.text);
  return { created: Object.keys(files), changed: edits.map((e) => e.file) };
}
