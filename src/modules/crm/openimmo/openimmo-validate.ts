import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_FILE = new URL('./openimmo-1.2.7b-immoxx.xsd', import.meta.url);
let schema: Promise<string> | null = null;

export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

/** Validates an OpenImmo document against the project's XSD with libxml2 (WebAssembly). */
export async function validateOpenImmo(xml: string): Promise<SchemaCheck> {
  schema ??= readFile(SCHEMA_FILE, 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'openimmo.xml', contents: xml }],
    schema: [{ fileName: 'openimmo-1.2.7b-immoxx.xsd', contents: await schema }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
