import { desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { fitHedonic, type HedonicModel } from '../domain/hedonic.js';
import { marketRecord } from '../schema.js';
import { observationColumns, toObservation } from './records.js';

/**
 * The newest prices a model is fitted on. More barely moves the coefficients (a dozen of them)
 * but costs memory and seconds; the newest are the ones that say most about today.
 */
export const FIT_SAMPLE = 20_000;
/** Entries kept at most; a network with hundreds of offices should not hold every model. */
const MAX_ENTRIES = 200;

interface Entry {
  stamp: string;
  model: HedonicModel | null;
}

const cache = new Map<string, Entry>();

/**
 * The office's hedonic model for a marketing type, refitted only when its prices changed: the
 * stamp is the count and the newest change of the tenant's records, which any insert, update
 * or delete moves. RLS scopes both the stamp and the fit to the tenant of `tx`.
 */
export async function hedonicModel(
  tx: Tx,
  tenantId: string,
  marketingType: 'kauf' | 'miete',
): Promise<HedonicModel | null> {
  const [stampRow] = await tx
    .select({ n: sql<number>`count(*)::int`, last: sql<string | null>`max(${marketRecord.updatedAt})::text` })
    .from(marketRecord)
    .where(eq(marketRecord.marketingType, marketingType));
  const stamp = `${stampRow?.n ?? 0}|${stampRow?.last ?? ''}`;
  const key = `${tenantId}:${marketingType}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.model;
  const rows = await tx
    .select(observationColumns)
    .from(marketRecord)
    .where(eq(marketRecord.marketingType, marketingType))
    .orderBy(desc(marketRecord.observedOn), marketRecord.id)
    .limit(FIT_SAMPLE);
  const model = fitHedonic(rows.map(toObservation), marketingType);
  cache.delete(key);
  cache.set(key, { stamp, model });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return model;
}
