import { Column, is, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { Tx } from './database.js';

/** A list's selection: table columns, and SQL expressions named with `.as(…)`. */
export type JsonSelection = Record<string, Column | SQL.Aliased>;

type RowOf<S extends JsonSelection> = {
  [K in keyof S]: S[K] extends Column ? S[K]['_']['data'] | (S[K]['_']['notNull'] extends true ? never : null)
  : S[K] extends SQL.Aliased<infer T> ? T
  : never;
};

/**
 * Runs a list query with each row coming back as one JSON document instead of one field per
 * column (issue 19). The embedded database's wire-protocol reader copied and decoded each of a
 * page's ~1,300 fields one by one, and drizzle mapped each again; one JSON.parse per row does the
 * same work natively. Column values go through the column's own mapping (dates become Dates),
 * so rows look exactly as drizzle's `select` would return them.
 *
 * `query` must select exactly `selection`'s columns and named expressions, as
 * `tx.select(selection)` writes them.
 */
export async function jsonRows<S extends JsonSelection>(
  tx: Tx,
  selection: S,
  query: SQLWrapper,
): Promise<RowOf<S>[]> {
  const result = (await tx.execute(sql`select row_to_json(r)::text as j from (${query}) r`)) as unknown as {
    rows: { j: string }[];
  };
  const fields = Object.entries(selection).map(([key, field]) =>
    is(field, Column)
      ? // The app's drizzle instances use snake_case casing: a column named after its key is snake_cased.
        { key, name: field.keyAsName ? toSnakeCase(field.name) : field.name, column: field }
      : { key, name: field.fieldAlias, column: null },
  );
  return result.rows.map(({ j }) => {
    const raw = JSON.parse(j) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of fields) {
      const value = raw[name] ?? null;
      row[key] = column && value !== null ? column.mapFromDriverValue(value) : value;
    }
    return row as RowOf<S>;
  });
}
