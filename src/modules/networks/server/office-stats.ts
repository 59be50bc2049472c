import { and, count, gte, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../../platform/db/database.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { activity, contact, property, viewing } from '../../crm/schema.js';
import { networkOfficeStats } from '../schema.js';

/** The last `count` months as `YYYY-MM`, oldest first, in Berlin time. */
export function lastMonths(count: number, now = new Date()): string[] {
  const [year, month] = todayInBerlin(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

/** The Berlin month of a timestamp column, as `YYYY-MM`. */
const berlinMonth = (column: AnyPgColumn): SQL<string> =>
  sql<string>`to_char(${column} at time zone 'Europe/Berlin', 'YYYY-MM')`;

/** Counts per Berlin month of the rows matching `where`, from the first of the months on. */
async function perMonth(
  tx: Tx,
  table: typeof property | typeof activity | typeof contact | typeof viewing,
  column: AnyPgColumn,
  since: string,
  where?: SQL,
): Promise<Map<string, number>> {
  const month = berlinMonth(column);
  const rows = await tx
    .select({ month, n: count() })
    .from(table)
    .where(and(gte(column, sql`(${`${since}-01`}::date - interval '1 day')`), where))
    .groupBy(month);
  return new Map(rows.map((r) => [r.month, r.n]));
}

/**
 * Writes the office's figures for the given months (oldest first), in the office's own
 * transaction: new listings, deals closed (a listing set to sold or let, from its timeline), new
 * contacts, viewings, and the listings on the market now for the current month.
 */
export async function refreshOfficeStats(tx: Tx, tenantId: string, months: readonly string[]): Promise<void> {
  const since = months[0];
  if (!since) return;
  const closedDeal = and(
    sql`${activity.kind} = 'status'`,
    or(like(activity.subject, '% → verkauft'), like(activity.subject, '% → vermietet')),
  );
  const [listings, deals, contacts, viewings, onMarket] = await Promise.all([
    perMonth(tx, property, property.createdAt, since),
    perMonth(tx, activity, activity.createdAt, since, closedDeal),
    perMonth(tx, contact, contact.createdAt, since),
    perMonth(tx, viewing, viewing.startsAt, since),
    tx
      .select({ n: count() })
      .from(property)
      .where(inArray(property.status, ['aktiv', 'reserviert'])),
  ]);
  const currentMonth = lastMonths(1)[0];
  for (const month of months) {
    const values = {
      newListings: listings.get(month) ?? 0,
      soldOrLet: deals.get(month) ?? 0,
      newContacts: contacts.get(month) ?? 0,
      viewings: viewings.get(month) ?? 0,
      updatedAt: new Date(),
    };
    // Listings on the market are a count of now: a past month keeps the count it was last seen with.
    const active = month === currentMonth ? { activeListings: onMarket[0]?.n ?? 0 } : {};
    await tx
      .insert(networkOfficeStats)
      .values({ tenantId, month, activeListings: 0, ...values, ...active })
      .onConflictDoUpdate({
        target: [networkOfficeStats.tenantId, networkOfficeStats.month],
        set: { ...values, ...active },
      });
  }
}
