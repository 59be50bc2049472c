import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCents, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import type { TrendView } from '../contract.js';
import { PageFrame } from './page-frame.js';
import { SourcesFooter } from './sources-footer.js';

interface Row {
  period: string;
  verkauf?: number;
  verkaufBand?: [number, number];
  verkaufCount?: number;
  angebot?: number;
  angebotBand?: [number, number];
  angebotCount?: number;
}

/** One row per period with asking and sold side by side, in euros per m². */
function rowsOf(view: TrendView): Row[] {
  const byPeriod = new Map<string, Row>();
  for (const p of view.points) {
    const row = byPeriod.get(p.period) ?? { period: p.period };
    row[p.priceKind] = p.medianPerSqmCents / 100;
    row[`${p.priceKind}Band`] = [p.q1PerSqmCents / 100, p.q3PerSqmCents / 100];
    row[`${p.priceKind}Count`] = p.count;
    byPeriod.set(p.period, row);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

const periodLabel = (p: string) => p.replace('-Q', ' Q');

export function TrendsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filters, setFilters] = useState({
    marketingType: 'kauf',
    objectType: 'wohnung',
    city: '',
    period: 'quartal',
  });
  const trends = useQuery({
    queryKey: ['market', 'trends', filters],
    queryFn: () => {
      const { city, ...rest } = filters;
      return api<TrendView>(`/market/trends?${new URLSearchParams(city ? { ...rest, city } : rest)}`);
    },
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({
      ...f,
      [key]: e.target.value,
      ...(key === 'objectType' || key === 'marketingType' ? { city: '' } : {}),
    }));
  const euro = (v: number) => formatCents(Math.round(v * 100), lang, { whole: true });
  return (
    <PageFrame>
      <Card title={t('market:trends.title')}>
        <div className="mb-4 grid gap-3 sm:grid-cols-4">
          <SelectField
            label={t('market:subject.marketingType')}
            value={filters.marketingType}
            onChange={set('marketingType')}
            options={[
              { value: 'kauf', label: t('market:kauf') },
              { value: 'miete', label: t('market:miete') },
            ]}
          />
          <SelectField
            label={t('market:subject.objectType')}
            value={filters.objectType}
            onChange={set('objectType')}
            options={OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) }))}
          />
          <SelectField
            label={t('market:trends.city')}
            value={filters.city}
            onChange={set('city')}
            options={[
              { value: '', label: t('market:trends.allCities') },
              ...(trends.data?.cities ?? []).map((c) => ({ value: c, label: c })),
            ]}
          />
          <SelectField
            label={t('market:trends.period')}
            value={filters.period}
            onChange={set('period')}
            options={[
              { value: 'quartal', label: t('market:trends.quartal') },
              { value: 'jahr', label: t('market:trends.jahr') },
            ]}
          />
        </div>
        <QueryState query={trends}>
          {(view) => {
            const rows = rowsOf(view);
            if (rows.length === 0)
              return <p className="py-8 text-center text-sm text-slate-500">{t('market:trends.empty')}</p>;
            return (
              <div>
                <div className="h-80" data-testid="trend-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                      <XAxis dataKey="period" tickFormatter={periodLabel} fontSize={12} />
                      <YAxis
                        tickFormatter={(v: number) => formatNumber(v, lang, 0)}
                        fontSize={12}
                        width={64}
                      />
                      <Tooltip
                        labelFormatter={(l) => periodLabel(String(l))}
                        formatter={(value, name, item) => {
                          const row = item.payload as Row;
                          if (Array.isArray(value))
                            return [`${euro(value[0] as number)} – ${euro(value[1] as number)}`, name];
                          const count =
                            String(item.dataKey) === 'verkauf' ? row.verkaufCount : row.angebotCount;
                          return [
                            `${euro(Number(value))} (${t('market:trends.count', { n: count ?? 0 })})`,
                            name,
                          ];
                        }}
                      />
                      <Legend />
                      <Area
                        dataKey="verkaufBand"
                        name={`${t('market:trends.sold')} – ${t('market:trends.iqr')}`}
                        fill="#0f766e"
                        fillOpacity={0.15}
                        stroke="none"
                        isAnimationActive={false}
                      />
                      <Line
                        dataKey="verkauf"
                        name={`${t('market:trends.sold')} – ${t('market:trends.median')}`}
                        stroke="#0f766e"
                        strokeWidth={2}
                        dot={false}
                        isAnimationActive={false}
                        connectNulls
                      />
                      <Area
                        dataKey="angebotBand"
                        name={`${t('market:trends.asking')} – ${t('market:trends.iqr')}`}
                        fill="#b45309"
                        fillOpacity={0.1}
                        stroke="none"
                        isAnimationActive={false}
                      />
                      <Line
                        dataKey="angebot"
                        name={`${t('market:trends.asking')} – ${t('market:trends.median')}`}
                        stroke="#b45309"
                        strokeDasharray="5 3"
                        strokeWidth={2}
                        dot={false}
                        isAnimationActive={false}
                        connectNulls
                      />
                    </ComposedChart>
                  </ResponsiveContainer>
                </div>
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-slate-600">{t('market:trends.table')}</summary>
                  <div className="overflow-x-auto">
                    <table className="mt-2 w-full min-w-[32rem] text-sm">
                      <thead>
                        <tr className="border-b text-left text-xs text-slate-500">
                          <th className="py-1 font-medium">{t('market:trends.period')}</th>
                          <th className="py-1 text-right font-medium">{t('market:trends.sold')}</th>
                          <th className="py-1 text-right font-medium">{t('market:trends.asking')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr key={r.period} className="border-b border-slate-100">
                            <td className="py-1">{periodLabel(r.period)}</td>
                            <td className="py-1 text-right tabular-nums">
                              {r.verkauf === undefined ? '–' : `${euro(r.verkauf)} (${r.verkaufCount})`}
                            </td>
                            <td className="py-1 text-right tabular-nums">
                              {r.angebot === undefined ? '–' : `${euro(r.angebot)} (${r.angebotCount})`}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
                <SourcesFooter sources={view.sources} />
              </div>
            );
          }}
        </QueryState>
      </Card>
    </PageFrame>
  );
}
