import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { todayInBerlin } from '../../../platform/time/berlin-day.js';
import { property } from '../../crm/schema.js';
import { marketDataset, marketRecord } from '../schema.js';
import { syncOwnListing } from '../server/own-listings.js';
import { generateDemoMarket } from './demo-market.js';

export const DEMO_MARKET_SIZE = 6_000;
const CHUNK = 1_000;

/**
 * The demo office's market store: a synthetic Bodensee market, labelled as such under every
 * chart and table, and the office's own demo listings as they would sync from the CRM.
 */
export async function seedMarketDemo(platform: Platform, tenantId: string): Promise<void> {
  const observations = generateDemoMarket({ count: DEMO_MARKET_SIZE, until: todayInBerlin() });
  await platform.database.withTenant(tenantId, async (tx) => {
    const [dataset] = await tx
      .insert(marketDataset)
      .values({
        tenantId,
        name: 'Demo-Markt Bodensee (synthetisch)',
        kind: 'demo',
        source:
          'ImmoXX-Demodatengenerator – erfundene Preise nach einer festen Formel, keine amtlichen Zahlen',
        licence: 'Nur zur Vorführung; nicht für echte Bewertungen verwenden',
        rowCount: observations.length,
      })
      .returning({ id: marketDataset.id });
    for (let i = 0; i < observations.length; i += CHUNK) {
      await tx
        .insert(marketRecord)
        .values(
          observations
            .slice(i, i + CHUNK)
            .map(({ id, ...o }) => ({ ...o, tenantId, datasetId: dataset!.id, externalRef: id })),
        );
    }
    const own = await tx.select({ id: property.id }).from(property).where(eq(property.isDemo, true));
    for (const p of own) await syncOwnListing(tx, tenantId, p.id);
  });
}
