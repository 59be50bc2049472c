import { PassThrough, type Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Tx } from '../../../platform/db/database.js';
import type { Platform } from '../../../platform/kernel.js';

/** Format of the archive; raised when its layout changes. */
export const EXPORT_FORMAT = 1;

/**
 * Columns that hold credentials (sealed secrets, access tokens, token hashes, passwords): an
 * export is carried around and mailed, and outside this server they are useless anyway.
 */
const CREDENTIAL = /(^|_)(sealed|password|secret)(_|$)|(^|_)token(_hash)?$|^(state|password)_hash$/;

interface TableExport {
  table: string;
  rows: number;
  omittedColumns: string[];
}

/** Every table that holds an office's rows, by the column that names the office. */
async function officeTables(tx: Tx): Promise<{ table: string; column: string }[]> {
  const result = (await tx.execute(sql`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and column_name in ('tenant_id', 'organization_id')
      and table_name not in ('tenant', 'auth_session')
    order by table_name`)) as unknown as { rows: { table: string; column: string }[] };
  return result.rows;
}

/** Rows read and written at a time, so a table of any size needs little memory. */
const PAGE_ROWS = 500;

/**
 * A table's rows of the office, a page at a time, in physical order: each page continues after the
 * last row's `ctid`, which holds still within the export's one transaction.
 */
async function* tablePages(tx: Tx, table: string, column: string, tenantId: string, omitted: Set<string>) {
  let after = '(0,0)';
  for (;;) {
    // Filtered by the office's id as well as by row-level security: a table without a policy
    // (billing events) would otherwise give every office's rows to the platform connection.
    const result = (await tx.execute(
      sql`select ctid::text as c, row_to_json(t)::text as j from ${sql.identifier(table)} t
          where ${sql.identifier(column)} = ${tenantId} and ctid > ${after}::tid order by ctid limit ${PAGE_ROWS}`,
    )) as unknown as { rows: { c: string; j: string }[] };
    const rows = result.rows.map(({ j }) => {
      const row = JSON.parse(j) as Record<string, unknown>;
      for (const key of Object.keys(row)) {
        if (CREDENTIAL.test(key)) {
          delete row[key];
          omitted.add(key);
        }
      }
      return row;
    });
    if (rows.length > 0) yield rows;
    if (result.rows.length < PAGE_ROWS) return;
    after = result.rows[result.rows.length - 1]!.c;
  }
}

/**
 * The whole office as a ZIP, streamed while it is written: `tables/<name>.json` for every table
 * with its rows (credentials left out), `files/…` with every stored file, and `manifest.json`
 * saying what is in it. Members appear with name, e-mail and role only.
 */
export function officeExport(platform: Platform, tenantId: string): Readable {
  const out = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const encoder = new TextEncoder();
  const addJson = (name: string, value: unknown) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(new TextEncoder().encode(JSON.stringify(value, null, 1)), true);
  };
  const drained = () => (out.writableNeedDrain ? new Promise((resolve) => out.once('drain', resolve)) : null);

  const write = async () => {
    const tables: TableExport[] = [];
    const office = await platform.database.withTenant(tenantId, async (tx) => {
      const [row] = (
        (await tx.execute(
          sql`select id, name, slug, created_at from tenant where id = ${tenantId}`,
        )) as unknown as { rows: Record<string, unknown>[] }
      ).rows;
      for (const { table, column } of await officeTables(tx)) {
        // One JSON array per table, a row per line, written page by page.
        const entry = new ZipDeflate(`tables/${table}.json`, { level: 6 });
        zip.add(entry);
        const omitted = new Set<string>();
        let count = 0;
        entry.push(encoder.encode('['));
        for await (const rows of tablePages(tx, table, column, tenantId, omitted)) {
          const text = rows.map((row) => `${count++ === 0 ? '' : ','}\n${JSON.stringify(row)}`).join('');
          entry.push(encoder.encode(text));
          await drained();
        }
        entry.push(encoder.encode('\n]\n'), true);
        tables.push({ table, rows: count, omittedColumns: [...omitted].sort() });
        await drained();
      }
      const members = (
        (await tx.execute(sql`
        select u.id, u.name, u.email, u.locale, m.role, m.created_at as member_since
        from tenant_member m join auth_user u on u.id = m.user_id
        where m.organization_id = ${tenantId} order by m.created_at`)) as unknown as {
          rows: Record<string, unknown>[];
        }
      ).rows;
      addJson('tables/members.json', members);
      return row ?? null;
    });
    const keys = await platform.files.list(`tenants/${tenantId}/`);
    let bytes = 0;
    for (const key of keys) {
      const entry = new ZipPassThrough(`files/${key.slice(`tenants/${tenantId}/`.length)}`);
      zip.add(entry);
      for await (const chunk of await platform.files.stream(key)) {
        const data = chunk as Buffer;
        bytes += data.length;
        entry.push(data);
        await drained();
      }
      entry.push(new Uint8Array(0), true);
    }
    addJson('manifest.json', {
      format: EXPORT_FORMAT,
      exportedAt: new Date().toISOString(),
      office,
      tables,
      files: { count: keys.length, bytes },
      note: 'Zugangsdaten (verschlüsselte Schlüssel, Tokens, Passwörter) sind nicht enthalten.',
    });
    zip.end();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
