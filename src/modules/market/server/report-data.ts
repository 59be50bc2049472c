import { eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/kernel.js';
import { imprintUrl } from '../../../platform/tenancy/legal-notice.js';
import { property } from '../../crm/schema.js';
import type { AnalysisInput, AnalysisResult, DemandView, TrendView } from '../contract.js';
import { demandAround, type NearbyDemand } from '../domain/demand-nearby.js';
import { marketAnalysis } from '../schema.js';
import { demandMap } from './demand-service.js';
import { computeTrends } from './trends-service.js';

export interface MarketReportData {
  property: {
    id: string;
    title: string;
    externalId: string;
    city: string;
    postalCode: string;
    district: string | null;
  };
  input: AnalysisInput;
  result: AnalysisResult;
  updatedAt: Date;
  inExpose: boolean;
  /** Yearly €/m² of the property's town and type; null when the town has no prices. */
  trends: TrendView | null;
  /** Demand and supply of the last 12 months in the property's area and the nearest others. */
  demand: { areas: NearbyDemand[]; sources: DemandView['sources'] } | null;
  office: {
    name: string;
    primaryColor: string;
    logo: Buffer | null;
    address: string | null;
    email: string | null;
    phone: string | null;
    imprintUrl: string | null;
  };
}

const hasDemand = ({ totals }: DemandView) => totals.searches + totals.inquiries + totals.viewings > 0;

/** Everything the market report and the exposé page show, or null when no analysis is saved. */
export async function loadReportData(
  platform: Platform,
  tenantId: string,
  propertyId: string,
  /** The exposé page shows no demand; only the full report pays for the aggregation. */
  { withDemand = false }: { withDemand?: boolean } = {},
): Promise<MarketReportData | null> {
  const loaded = await platform.database.withTenant(tenantId, async (tx) => {
    const [row] = await tx
      .select({
        analysis: marketAnalysis,
        property: {
          id: property.id,
          title: property.title,
          externalId: property.externalId,
          city: property.city,
          postalCode: property.postalCode,
          district: property.district,
        },
      })
      .from(marketAnalysis)
      .innerJoin(property, eq(property.id, marketAnalysis.propertyId))
      .where(eq(marketAnalysis.propertyId, propertyId))
      .limit(1);
    if (!row) return null;
    const subject = row.analysis.input.query.subject;
    const trends = await computeTrends(tx, {
      marketingType: subject.marketingType,
      objectType: subject.objectType,
      city: subject.city,
      period: 'jahr',
    }).catch(() => null);
    const demand = withDemand
      ? await demandMap(
          tx,
          { marketingType: subject.marketingType, objectType: subject.objectType, days: 365 },
          null,
        )
      : null;
    return { ...row, trends, demand };
  });
  if (!loaded) return null;
  const settings = await platform.tenantSettings.get(tenantId);
  const logo = settings?.logoFileKey
    ? await platform.files.read(settings.logoFileKey).catch(() => null)
    : null;
  return {
    property: loaded.property,
    input: loaded.analysis.input,
    result: loaded.analysis.result,
    updatedAt: loaded.analysis.updatedAt,
    inExpose: loaded.analysis.inExpose,
    trends: loaded.trends,
    demand:
      loaded.demand && hasDemand(loaded.demand)
        ? {
            areas: demandAround(loaded.demand.areas, loaded.analysis.input.query.subject),
            sources: loaded.demand.sources,
          }
        : null,
    office: {
      name: settings?.displayName ?? 'Maklerbüro',
      primaryColor: settings?.primaryColor ?? '#0f766e',
      logo,
      address: settings?.address ?? null,
      email: settings?.contactEmail ?? null,
      phone: settings?.contactPhone ?? null,
      imprintUrl: settings ? imprintUrl(platform.publicUrl, settings.tenantSlug) : null,
    },
  };
}
