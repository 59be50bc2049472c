import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { formatCents, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { PricePositionView } from '../contract.js';

/** An own listing's €/m² among the competitors' offers of its kind nearby, as a scatter by size. */
export function PricePosition({ propertyId }: { propertyId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const position = useQuery({
    queryKey: ['market', 'competitors', 'position', propertyId],
    queryFn: () => api<PricePositionView>(`/market/competitors/position/${propertyId}`),
    retry: false,
  });
  const euro = (cents: number) => formatCents(cents, lang, { whole: true });
  return (
    <QueryState query={position}>
      {(view) => (
        <div data-testid="price-position">
          <p className="mb-3 text-sm text-slate-700">
            {view.competitors.length === 0
              ? t('market:competitors.positionNone', { km: view.radiusKm })
              : t('market:competitors.positionText', {
                  own: euro(view.own.pricePerSqmCents),
                  percentile: view.percentile ?? 0,
                  n: view.competitors.length,
                  km: view.radiusKm,
                  median: euro(view.medianPerSqmCents ?? 0),
                })}
          </p>
          {view.competitors.length > 0 ? (
            <div className="h-72">
              <ResponsiveContainer width="100%" height="100%">
                <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                  <XAxis
                    type="number"
                    dataKey="livingArea"
                    name={t('market:competitors.area')}
                    unit=" m²"
                    fontSize={12}
                    tickFormatter={(v: number) => formatNumber(v, lang, 0)}
                  />
                  <YAxis
                    type="number"
                    dataKey="perSqm"
                    name="€/m²"
                    fontSize={12}
                    width={64}
                    tickFormatter={(v: number) => formatNumber(v, lang, 0)}
                  />
                  <ZAxis range={[60, 60]} />
                  <Tooltip
                    formatter={(value, name) =>
                      name === '€/m²'
                        ? [euro(Number(value) * 100), name]
                        : [`${formatNumber(Number(value), lang, 1)} m²`, name]
                    }
                  />
                  <Scatter
                    name={t('market:competitors.competition')}
                    data={view.competitors.map((c) => ({
                      livingArea: c.livingArea,
                      perSqm: c.pricePerSqmCents / 100,
                    }))}
                    fill="#94a3b8"
                    isAnimationActive={false}
                  />
                  <Scatter
                    name={t('market:competitors.ownListing')}
                    data={[{ livingArea: view.own.livingArea, perSqm: view.own.pricePerSqmCents / 100 }]}
                    fill="#0f766e"
                    shape="diamond"
                    isAnimationActive={false}
                  />
                </ScatterChart>
              </ResponsiveContainer>
            </div>
          ) : null}
        </div>
      )}
    </QueryState>
  );
}
