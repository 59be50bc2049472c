import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KNOWN_MODULE_IDS, type ModuleId } from '../modules/module-ids.js';
import { ConfigError } from './config-error.js';
import { type Env, envSchema } from './env.js';

export interface AppConfig {
  env: Env;
  /** Explicit module switches from MODULE_<ID>; modules not listed use their default. */
  moduleSwitches: Partial<Record<ModuleId, boolean>>;
  dataDir: string;
  configFile: string | null;
}

type RawEnv = Record<string, string | undefined>;

/** Values of these are never echoed back in error messages. */
const SECRET_VARIABLES = /SECRET|KEY|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL|SMTP_URL/;

/** Flattens `{ smtp: { url: x }, modules: { social: false } }` to `SMTP_URL`, `MODULE_SOCIAL`. */
function flattenYaml(value: unknown, prefix: string, out: RawEnv, file: string): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      const name = key.replace(/[^a-zA-Z0-9]+/g, '_').toUpperCase();
      const next = prefix === 'MODULES' ? `MODULE_${name}` : prefix ? `${prefix}_${name}` : name;
      flattenYaml(child, next, out, file);
    }
    return;
  }
  if (Array.isArray(value)) {
    out[prefix] = value.map(String).join(',');
    return;
  }
  out[prefix] = String(value);
}

function readConfigFile(path: string): RawEnv {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: invalid YAML — ${(error as Error).message}`);
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new ConfigError(`${path}: the top level must be a mapping of settings`);
  }
  const out: RawEnv = {};
  flattenYaml(parsed, '', out, path);
  return out;
}

function parseModuleSwitches(raw: RawEnv): Partial<Record<ModuleId, boolean>> {
  const switches: Partial<Record<ModuleId, boolean>> = {};
  const problems: { variable: string; message: string }[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith('MODULE_') || value === undefined) continue;
    const id = key.slice('MODULE_'.length).toLowerCase();
    if (!(KNOWN_MODULE_IDS as readonly string[]).includes(id)) {
      problems.push({
        variable: key,
        message: `unknown module "${id}"; known modules: ${KNOWN_MODULE_IDS.join(', ')}`,
      });
      continue;
    }
    const normalised = value.trim().toLowerCase();
    if (!['true', 'false', '1', '0'].includes(normalised)) {
      problems.push({ variable: key, message: 'must be true or false' });
      continue;
    }
    switches[id as ModuleId] = normalised === 'true' || normalised === '1';
  }
  if (problems.length > 0) throw configErrorFrom(problems);
  return switches;
}

function configErrorFrom(problems: { variable: string; message: string }[]): ConfigError {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`, problems);
}

/** Reads immoxx.config.yaml (optional) and the environment; the environment wins. */
export function loadConfig(processEnv: RawEnv = process.env, cwd = process.cwd()): AppConfig {
  const configFile = processEnv.IMMOXX_CONFIG ?? resolve(cwd, 'immoxx.config.yaml');
  const hasFile = existsSync(configFile);
  if (processEnv.IMMOXX_CONFIG && !hasFile) {
    throw configErrorFrom([{ variable: 'IMMOXX_CONFIG', message: `file not found: ${configFile}` }]);
  }
  const fromFile = hasFile ? readConfigFile(configFile) : {};
  const raw: RawEnv = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    throw configErrorFrom(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(root)');
        const value = raw[variable];
        const shown = value !== undefined && !SECRET_VARIABLES.test(variable) ? ` (got "${value}")` : '';
        return { variable, message: `${issue.message}${shown}` };
      }),
    );
  }
  const env = result.data;
  const problems: { variable: string; message: string }[] = [];
  if (env.FILE_STORAGE === 's3') {
    for (const variable of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!env[variable]) problems.push({ variable, message: 'required when FILE_STORAGE=s3' });
    }
  }
  // The embedded database belongs to one process (its data directory is locked).
  if (env.ROLE !== 'all' && !env.DATABASE_URL) {
    problems.push({
      variable: 'ROLE',
      message: `${env.ROLE} needs DATABASE_URL: separate API and worker processes share a PostgreSQL server`,
    });
  }
  if (problems.length > 0) throw configErrorFrom(problems);
  return {
    env,
    moduleSwitches: parseModuleSwitches(raw),
    dataDir: resolve(cwd, env.DATA_DIR),
    configFile: hasFile ? configFile : null,
  };
}
