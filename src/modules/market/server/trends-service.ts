import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { TrendQuery, TrendView } from '../contract.js';
import { marketDataset, marketRecord } from '../schema.js';

/**
 * €/m² over time: median and quartiles per quarter or year, asking and closed prices apart,
 * with how many prices each point rests on and where they came from.
 */
export async function computeTrends(tx: Tx, q: TrendQuery): Promise<TrendView> {
  const base: SQL[] = [
    eq(marketRecord.marketingType, q.marketingType),
    eq(marketRecord.objectType, q.objectType),
  ];
  const cities = await tx
    .selectDistinct({ city: marketRecord.city })
    .from(marketRecord)
    .where(and(...base))
    .orderBy(asc(marketRecord.city));
  const where = [...base];
  if (q.city) {
    if (!cities.some((c) => c.city === q.city))
      throw new AppError(422, 'unknown_city', `Für „${q.city}“ gibt es keine Marktdaten dieser Objektart.`, {
        field: 'city',
      });
    where.push(eq(marketRecord.city, q.city));
  }
  if (q.district) {
    const [known] = await tx
      .select({ n: sql<number>`1` })
      .from(marketRecord)
      .where(and(...where, eq(marketRecord.district, q.district)))
      .limit(1);
    if (!known)
      throw new AppError(
        422,
        'unknown_district',
        `Den Ortsteil „${q.district}“ gibt es in den Marktdaten nicht.`,
        { field: 'district' },
      );
    where.push(eq(marketRecord.district, q.district));
  }
  const unit = q.period === 'jahr' ? 'year' : 'quarter';
  const period = sql<string>`to_char(date_trunc(${sql.raw(`'${unit}'`)}, ${marketRecord.observedOn}), ${sql.raw(q.period === 'jahr' ? "'YYYY'" : `'YYYY-"Q"Q'`)})`;
  const perSqm = sql`${marketRecord.priceCents}::float8 / ${marketRecord.livingArea}::float8`;
  const rows = await tx
    .select({
      period,
      priceKind: marketRecord.priceKind,
      count: sql<number>`count(*)::int`,
      quartiles: sql<
        number[]
      >`percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by ${perSqm})`,
    })
    .from(marketRecord)
    .where(and(...where))
    .groupBy(period, marketRecord.priceKind)
    .orderBy(period, marketRecord.priceKind);
  const sources = await tx
    .selectDistinct({
      name: marketDataset.name,
      source: marketDataset.source,
      licence: marketDataset.licence,
      licenceUrl: marketDataset.licenceUrl,
      kind: marketDataset.kind,
    })
    .from(marketDataset)
    .innerJoin(marketRecord, eq(marketRecord.datasetId, marketDataset.id))
    .where(and(...where));
  return {
    points: rows.map((r) => ({
      period: r.period,
      priceKind: r.priceKind as 'angebot' | 'verkauf',
      count: r.count,
      q1PerSqmCents: Math.round(Number(r.quartiles[0])),
      medianPerSqmCents: Math.round(Number(r.quartiles[1])),
      q3PerSqmCents: Math.round(Number(r.quartiles[2])),
    })),
    cities: cities.map((c) => c.city),
    sources: sources.map(({ kind, ...s }) => ({ ...s, demo: kind === 'demo' })),
  };
}
