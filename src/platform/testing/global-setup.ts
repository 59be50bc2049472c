import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../db/open-pglite.js';
import { openPostgres } from '../db/open-postgres.js';
import { prepareTemplate } from './template-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate:
      | { kind: 'pglite'; dumpPath: string }
      | { kind: 'postgres'; url: string; templateName: string };
  }
}

const TEMPLATE_DIR = join(process.cwd(), '.vitest-template');

/** Migrates one template database per run; every test app clones it. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite({});
    await prepareTemplate(database);
    const dump = await database.pglite!.dumpDataDir('none');
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const dumpPath = join(TEMPLATE_DIR, `pglite-${process.pid}.tar`);
    writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('dbTemplate', { kind: 'pglite', dumpPath });
    return () => rmSync(dumpPath, { force: true });
  }
  const templateName = `immoxx_tmpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${templateName}`);
  const templateUrl = withDatabase(url, templateName);
  const database = await openPostgres(templateUrl, 2);
  await prepareTemplate(database);
  await database.close();
  project.provide('dbTemplate', { kind: 'postgres', url, templateName });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${templateName}%`],
    );
    for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
