import { and, getTableName, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.js';
import { type ListTotal, type PageRequest, type SeekPage, type SortKey, seekPlan } from './list-page.js';
import type { ListTotals } from './list-totals.js';

/**
 * One page of a list that reads one table's rows as they are (audit log, jobs, timeline, …):
 * the seek query in `sort`'s order and the kept total, for `pageBody`. Lists with joins or a
 * narrower selection write the query with `seekPlan` themselves.
 */
export async function tablePage<T extends PgTable & { id: unknown }>(
  tx: Tx,
  list: { totals: ListTotals; tenantId: string; table: T; sort: SortKey; where: SQL | undefined },
  request: PageRequest,
): Promise<{ page: SeekPage<InferSelectModel<T>>; total: ListTotal }> {
  const plan = seekPlan(list.sort, getTableName(list.table), request);
  // Drizzle cannot type a select over a table given as a type parameter (its conditional types
  // stay unresolved), so the rows are typed here by hand: the whole table's row, as selected.
  const rows = (await tx
    .select({ row: list.table as PgTable, sortValue: plan.sortValue })
    .from(list.table as PgTable)
    .where(and(list.where, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit)
    .offset(plan.offset)) as unknown as {
    row: InferSelectModel<T> & { id: string };
    sortValue: string | null;
  }[];
  const page = plan.page(rows, (r) => r.row.id);
  const total = await list.totals.count(tx, list.tenantId, list.table, list.where, {
    exact: request.exactTotal,
  });
  return { page: { ...page, items: page.items.map((r) => r.row) }, total };
}
