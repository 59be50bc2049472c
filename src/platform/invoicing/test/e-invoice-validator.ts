import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as FontoXPath from 'fontoxpath';
import type * as NodeSchematron from 'node-schematron';

// Both ship CommonJS; required, they load the same way under vitest and Playwright's ESM loader.
const require = createRequire(import.meta.url);
const { registerCustomXPathFunction } = require('fontoxpath') as typeof FontoXPath;
const { Schema } = require('node-schematron') as typeof NodeSchematron;
type Schema = NodeSchematron.Schema;

const dir = join(dirname(fileURLToPath(import.meta.url)), 'validation');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

export type RuleSet = 'EN16931-UBL' | 'EN16931-CII' | 'XRechnung-UBL';

const HELPERS = 'urn:immoxx:test:schematron';
// IBAN check digits (ISO 13616: the digits mod 97 = 1) on numbers of up to 34 digits, exactly.
registerCustomXPathFunction(
  { namespaceURI: HELPERS, localName: 'mod97' },
  ['xs:string'],
  'xs:integer',
  (_, digits: string) => Number(BigInt(digits) % 97n),
);

/**
 * Two adaptations for node-schematron, the rules themselves unchanged:
 * - XRechnung declares its global variables in an included pattern (`common.sch`); node-schematron
 *   scopes a pattern's variables to that pattern, so they are lifted to the schema.
 * - BR-DE-19 casts a 30-digit IBAN number to xs:integer, beyond fontoxpath's JavaScript numbers;
 *   the same mod 97 runs in BigInt instead.
 */
function xrechnungSource(): string {
  const lets = read('common.sch').match(/<let [^>]*\/>/g) ?? [];
  return (
    read('XRechnung-UBL-validation.sch')
      // A replacer function, since the variables' regular expressions contain "$'".
      .replace(/<include href="\.\.\/common\.sch" *\/>/, () =>
        [`<ns prefix="imx" uri="${HELPERS}" />`, ...lets].join('\n'),
      )
      .replace('xs:integer(string-join(for $cp in', 'imx:mod97(string-join(for $cp in')
      .replace("string($cp - 48)),'')) mod 97 = 1", "string($cp - 48)),'')) = 1")
  );
}

const sources: Record<RuleSet, () => string> = {
  'EN16931-UBL': () => read('EN16931-UBL-validation.sch'),
  'EN16931-CII': () => read('EN16931-CII-validation.sch'),
  'XRechnung-UBL': xrechnungSource,
};

/** Each assert's flag by its id: node-schematron reports the id, the rule set says fatal or warning. */
function flagsOf(source: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (const tag of source.match(/<assert\b[^>]*>/g) ?? []) {
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    if (id) flags.set(id, /\bflag="([^"]+)"/.exec(tag)?.[1] ?? 'fatal');
  }
  return flags;
}

const compiled = new Map<RuleSet, { schema: Schema; flags: Map<string, string> }>();

export interface Violation {
  id: string;
  flag: string;
  message: string;
}

/** The failed asserts of one rule set, fatal ones and warnings. */
export async function validateEInvoice(xml: string, ruleSet: RuleSet): Promise<Violation[]> {
  let entry = compiled.get(ruleSet);
  if (!entry) {
    // Every include is inlined above, so the synchronous parse needs no resource directory.
    const source = sources[ruleSet]();
    entry = { schema: Schema.fromString(source), flags: flagsOf(source) };
    compiled.set(ruleSet, entry);
  }
  const { schema, flags } = entry;
  return schema
    .validateString(xml)
    .filter((r) => !r.isReport)
    .map((r) => ({
      id: r.assertId ?? '?',
      flag: flags.get(r.assertId ?? '') ?? 'fatal',
      message: (r.message ?? '').replace(/\s+/g, ' ').trim(),
    }));
}

export const fatal = (violations: Violation[]) => violations.filter((v) => v.flag === 'fatal');
