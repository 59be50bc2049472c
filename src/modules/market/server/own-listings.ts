import { eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { property } from '../../crm/schema.js';
import { marketDataset, marketRecord } from '../schema.js';

export const OWN_DATASET = {
  name: 'Eigene Objekte',
  kind: 'eigen',
  source: 'Eigene Vermarktung (CRM)',
  licence: 'Interne Daten des Büros',
} as const;

async function ownDatasetId(tx: Tx, tenantId: string): Promise<string> {
  const [found] = await tx
    .select({ id: marketDataset.id })
    .from(marketDataset)
    .where(eq(marketDataset.kind, 'eigen'))
    .limit(1);
  if (found) return found.id;
  const [created] = await tx
    .insert(marketDataset)
    .values({ tenantId, ...OWN_DATASET })
    .returning({ id: marketDataset.id });
  return created!.id;
}

const OFFERED = new Set(['aktiv', 'reserviert']);
const CLOSED = new Set(['verkauft', 'vermietet']);

/**
 * Keeps the office's own listing in the market store: on offer it is an asking price dated
 * when it went online; sold or let it becomes a closed price dated the day it closed (the
 * price field then holds what was agreed). Drafts, and listings withdrawn unsold, leave it.
 */
export async function syncOwnListing(tx: Tx, tenantId: string, propertyId: string): Promise<void> {
  const [p] = await tx.select().from(property).where(eq(property.id, propertyId)).limit(1);
  const [existing] = await tx
    .select({ id: marketRecord.id, priceKind: marketRecord.priceKind, observedOn: marketRecord.observedOn })
    .from(marketRecord)
    .where(eq(marketRecord.propertyId, propertyId))
    .limit(1);
  const priceCents = p ? (p.marketingType === 'kauf' ? p.purchasePriceCents : p.coldRentCents) : null;
  const closed = p !== undefined && CLOSED.has(p.status);
  const listed =
    p !== undefined &&
    (OFFERED.has(p.status) || closed || (p.status === 'archiviert' && existing?.priceKind === 'verkauf'));
  if (!p || !listed || !p.livingArea || !priceCents) {
    if (existing) await tx.delete(marketRecord).where(eq(marketRecord.id, existing.id));
    return;
  }
  const today = todayInBerlin();
  const priceKind = closed || p.status === 'archiviert' ? 'verkauf' : 'angebot';
  const observedOn =
    priceKind === 'verkauf'
      ? existing?.priceKind === 'verkauf'
        ? String(existing.observedOn)
        : today
      : p.publishedAt
        ? todayInBerlin(p.publishedAt)
        : today;
  const values = {
    priceKind,
    marketingType: p.marketingType,
    objectType: p.objectType,
    postalCode: p.postalCode,
    city: p.city,
    district: p.district,
    latitude: p.latitude,
    longitude: p.longitude,
    livingArea: p.livingArea,
    rooms: p.rooms,
    yearBuilt: p.yearBuilt,
    condition: p.condition,
    floor: p.floor,
    lakeView: p.features.includes('seeblick'),
    shoreDistanceM: null,
    priceCents,
    observedOn,
    externalRef: p.externalId,
    updatedAt: new Date(),
  };
  if (existing) {
    await tx.update(marketRecord).set(values).where(eq(marketRecord.id, existing.id));
    return;
  }
  await tx
    .insert(marketRecord)
    .values({ ...values, tenantId, propertyId, datasetId: await ownDatasetId(tx, tenantId) });
}
