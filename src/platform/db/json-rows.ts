import { and, Column, getTableName, is, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.js';
import { type PageRequest, type SeekPage, type SortKey, seekPlan } from './list-page.js';

/** A list's selection: table columns, and SQL expressions named with `.as(…)`. */
export type JsonSelection = Record<string, Column | SQL.Aliased>;

export type RowOf<S extends JsonSelection> = {
  [K in keyof S]: S[K] extends Column
    ? S[K]['_']['data'] | (S[K]['_']['notNull'] extends true ? never : null)
    : S[K] extends SQL.Aliased<infer T>
      ? T
      : never;
};

/** The app's drizzle instances use snake_case casing: a column named after its key is snake_cased. */
const columnName = (column: Column) => (column.keyAsName ? toSnakeCase(column.name) : column.name);
const dialect = new PgDialect({ casing: 'snake_case' });

interface Field {
  key: string;
  name: string;
  column: Column | null;
}

function fieldsOf(selection: JsonSelection): Field[] {
  return Object.entries(selection).map(([key, field]) =>
    is(field, Column)
      ? { key, name: columnName(field), column: field }
      : { key, name: field.fieldAlias, column: null },
  );
}

function decode<R>(fields: Field[], rows: { j: string }[]): R[] {
  return rows.map(({ j }) => {
    const raw = JSON.parse(j) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of fields) {
      const value = raw[name] ?? null;
      row[key] = column && value !== null ? column.mapFromDriverValue(value) : value;
    }
    return row as R;
  });
}

/**
 * A list query whose rows come back as one JSON document each instead of one field per column
 * (issue 19). The embedded database's wire-protocol reader copied and decoded each of a page's
 * ~1,300 fields one by one, and drizzle mapped each again; one JSON.parse per row does the same
 * work natively. The selection's SQL is written once, not per request. Column values go through
 * the column's own mapping (dates become Dates), so rows look as drizzle's `select` returns them.
 *
 * The static selection must not carry parameters (columns, and expressions without values);
 * per-request expressions such as the sort value go in `extra`.
 */
export class JsonList<S extends JsonSelection> {
  private readonly selectList: string;
  private readonly fields: Field[];

  constructor(
    private readonly table: PgTable,
    selection: S,
  ) {
    const parts = Object.values(selection).map((field) =>
      is(field, Column) ? sql`${field}` : sql`${field.getSQL()} as ${sql.identifier(field.fieldAlias)}`,
    );
    const rendered = dialect.sqlToQuery(sql.join(parts, sql`, `));
    if (rendered.params.length > 0)
      throw new Error(`JsonList(${getTableName(table)}): the static selection must not carry parameters`);
    this.selectList = rendered.sql;
    this.fields = fieldsOf(selection);
  }

  async rows<E extends JsonSelection>(
    tx: Tx,
    query: { extra: E; where?: SQL; orderBy: SQL[]; limit: number; offset?: number },
  ): Promise<(RowOf<S> & RowOf<E>)[]> {
    const extra = Object.values(query.extra).map((field) =>
      is(field, Column) ? sql`, ${field}` : sql`, ${field.getSQL()} as ${sql.identifier(field.fieldAlias)}`,
    );
    const result = (await tx.execute(sql`select row_to_json(r)::text as j from (
      select ${sql.raw(this.selectList)}${sql.join(extra)} from ${this.table}
      ${query.where ? sql`where ${query.where}` : sql``}
      order by ${sql.join(query.orderBy, sql`, `)}
      limit ${query.limit}${query.offset ? sql` offset ${query.offset}` : sql``}) r`)) as unknown as {
      rows: { j: string }[];
    };
    return decode([...this.fields, ...fieldsOf(query.extra)], result.rows);
  }

  /**
   * One page in `sort`'s order: from the request's `cursor` when given (a cursor of another
   * sort or filter is a 400), else by page number; one row more than the page tells whether
   * there is a next one. The selection must include the `id`.
   */
  async seek(
    tx: Tx,
    sort: SortKey,
    where: SQL | undefined,
    request: PageRequest,
  ): Promise<SeekPage<RowOf<S> & { id: string; sortValue: string | null }>> {
    const plan = seekPlan(sort, getTableName(this.table), request);
    const rows = await this.rows(tx, {
      extra: { sortValue: plan.sortValue.as('sort_value') },
      where: and(where, plan.where),
      orderBy: plan.orderBy,
      limit: plan.limit,
      offset: plan.offset,
    });
    // Every list selection carries its table's id column (the cursor's tie-breaker).
    return plan.page(rows as (RowOf<S> & { id: string; sortValue: string | null })[], (row) => row.id);
  }
}
