import type { Database } from '../database.js';

/**
 * Table-by-table copying between two databases of the same schema (PGlite ↔ PostgreSQL), used
 * by `migrate-to-postgres`, `backup` and `restore`. Rows travel as JSON (`row_to_json` out,
 * `json_populate_recordset` in), so every column type PostgreSQL can cast from its JSON text
 * form round-trips; generated columns are left to the target to compute.
 */
export interface TableInfo {
  name: string;
  /** Stored columns, in table order; generated ones are computed by the target. */
  columns: string[];
  hasIdentity: boolean;
}

export interface TableSum {
  rows: number;
  checksum: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const PAGE_ROWS = 500;

/** One connection: session settings (time zone, constraint checks, a transaction) hold across calls. */
export interface SqlSession {
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  release(): void;
}

/** A session of its own from the pool (PostgreSQL), or PGlite's single connection. */
export async function openSession(database: Database): Promise<SqlSession> {
  if (database.kind === 'postgres' && database.pool) {
    const client = await database.pool.connect();
    return {
      query: async <T>(text: string, values: unknown[] = []) =>
        (await client.query(text, values)).rows as T[],
      release: () => client.release(),
    };
  }
  return {
    query: async <T>(text: string, values: unknown[] = []) =>
      (await database.executeSql(text, values)).rows as T[],
    release: () => undefined,
  };
}

const rows = <T>(session: SqlSession, text: string, values: unknown[] = []) => session.query<T>(text, values);

/**
 * The application's tables (schema public), parents before children by their foreign keys, so
 * a copy that cannot switch off constraint checks still inserts in a valid order.
 */
export async function listTables(database: SqlSession): Promise<TableInfo[]> {
  const columns = await rows<{ table: string; column: string; identity: string }>(
    database,
    `select c.relname as "table", a.attname as "column", a.attidentity as identity
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and a.attgenerated = ''
      order by c.relname, a.attnum`,
  );
  const edges = await rows<{ child: string; parent: string }>(
    database,
    `select c.relname as child, p.relname as parent
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const tables = new Map<string, TableInfo>();
  for (const { table, column, identity } of columns) {
    const info = tables.get(table) ?? { name: table, columns: [], hasIdentity: false };
    info.columns.push(column);
    if (identity === 'a') info.hasIdentity = true;
    tables.set(table, info);
  }
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of edges) {
    if (!tables.has(child) || !tables.has(parent)) continue;
    const set = parents.get(child) ?? new Set<string>();
    set.add(parent);
    parents.set(child, set);
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (placed.has(name) || visiting.has(name)) return; // a cycle: constraint checks are off then
    visiting.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent);
    visiting.delete(name);
    placed.add(name);
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return ordered;
}

/**
 * A table's rows as JSON texts (`row_to_json`), a page at a time, continuing after the last
 * page's ctid. Never parsed here: numbers of any precision pass through as PostgreSQL wrote them.
 */
export async function* readPages(database: SqlSession, table: TableInfo): AsyncGenerator<string[]> {
  let after = '(0,0)';
  for (;;) {
    const page = await rows<{ c: string; j: string }>(
      database,
      `select ctid::text as c, row_to_json(t)::text as j from ${ident(table.name)} t
        where ctid > $1::tid order by ctid limit ${PAGE_ROWS}`,
      [after],
    );
    if (page.length > 0) yield page.map(({ j }) => j);
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1]!.c;
  }
}

/** Inserts JSON rows; keys of generated columns are ignored, the target computes them. */
export async function insertRows(database: SqlSession, table: TableInfo, jsonRows: string[]): Promise<void> {
  if (jsonRows.length === 0) return;
  const list = table.columns.map(ident).join(', ');
  await database.query(
    `insert into ${ident(table.name)} (${list}) ${table.hasIdentity ? 'overriding system value' : ''}
     select ${list} from json_populate_recordset(null::${ident(table.name)}, $1::json)`,
    [`[${jsonRows.join(',')}]`],
  );
}

/**
 * Row count and a checksum over the stored columns' text form, independent of row order. Both
 * sides read with the same settings, so PGlite and a PostgreSQL server print values alike.
 */
export async function tableSum(database: SqlSession, table: TableInfo): Promise<TableSum> {
  const list = table.columns.map(ident).join(', ');
  const [sum] = await rows<{ n: number; c: string | null }>(
    database,
    `select count(*)::int as n, md5(string_agg(h, '' order by h)) as c
       from (select md5(row(${list})::text) as h from ${ident(table.name)}) x`,
  );
  return { rows: Number(sum?.n ?? 0), checksum: sum?.c ?? '' };
}

/** The same text form for dates, times and numbers on both ends of a copy. */
export async function normaliseSession(database: SqlSession): Promise<void> {
  await database.query(`set timezone = 'UTC'`);
  await database.query(`set datestyle = 'ISO, YMD'`);
  await database.query(`set extra_float_digits = 1`);
  await database.query(`set intervalstyle = 'postgres'`);
}

/** After rows came with their ids: every sequence continues above the highest one. */
export async function resetSequences(database: SqlSession): Promise<void> {
  const sequences = await rows<{ table: string; column: string; sequence: string }>(
    database,
    `select c.relname as "table", a.attname as "column", pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
  );
  for (const { table, column, sequence } of sequences) {
    await database.query(
      `select setval($1, greatest(coalesce((select max(${ident(column)}) from ${ident(table)}), 0), 1), (select count(*) > 0 from ${ident(table)}))`,
      [sequence],
    );
  }
}

/** Tables of the target that already hold rows: a copy goes into an empty database only. */
export async function nonEmptyTables(database: SqlSession, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const [row] = await rows<{ any: boolean }>(
      database,
      `select exists (select 1 from ${ident(table.name)}) as any`,
    );
    if (row?.any) filled.push(table.name);
  }
  return filled;
}

/**
 * A copied database has no queue entries of its old engine (pg-boss schema, Redis): open runs
 * lose their engine id, running ones count as interrupted, and the workers' sweep sends each
 * queued run that has no engine id to the new engine.
 */
export async function handOpenRunsToNewEngine(session: Pick<SqlSession, 'query'>): Promise<void> {
  await session.query(
    `update job_run set status = case when status = 'running' then 'queued' else status end, engine_job_id = null
      where status in ('queued', 'retrying', 'running')`,
  );
}
