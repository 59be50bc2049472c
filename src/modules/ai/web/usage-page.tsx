import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { TextField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { BudgetState } from '../contract.js';
import { AiTabs } from './ai-tabs.js';
import { formatUsd } from './format-usd.js';

interface Slice {
  key: string;
  label: string;
  costUsd: number;
  calls: number;
}
interface Usage {
  month: string;
  totalCostUsd: number;
  calls: number;
  cacheHits: number;
  cacheHitRate: number | null;
  failed: number;
  fallbacks: number;
  byProvider: Slice[];
  byType: Slice[];
  byUser: Slice[];
  byDay: { day: string; costUsd: number; calls: number }[];
  budgets: BudgetState[];
}

function SliceChart({
  title,
  data,
}: {
  title: string;
  data: { label: string; costUsd: number; calls: number }[];
}) {
  return (
    <Card>
      <h2 className="mb-3 text-sm font-semibold text-slate-900">{title}</h2>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="cost" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="calls" orientation="right" tick={{ fontSize: 12 }} allowDecimals={false} />
            <Tooltip formatter={(value, name) => (name === 'US-$' ? formatUsd(Number(value)) : value)} />
            <Bar yAxisId="cost" dataKey="costUsd" name="US-$" fill="var(--color-brand, #0f766e)" />
            <Bar yAxisId="calls" dataKey="calls" name="Aufrufe" fill="#94a3b8" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

export function UsagePage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const query = useQuery({
    queryKey: ['ai', 'usage', month],
    queryFn: () => api<Usage>(`/ai/usage?month=${month}`),
  });
  return (
    <div>
      <PageHeader title={t('ai:title')} description={t('ai:usage.description')} />
      <AiTabs />
      <div className="mb-4 max-w-xs">
        <TextField
          label={t('ai:usage.month')}
          type="month"
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
      </div>
      <QueryState query={query}>
        {(u) => (
          <div className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
              {[
                [t('ai:usage.total'), formatUsd(u.totalCostUsd)],
                [t('ai:usage.calls'), String(u.calls)],
                [
                  t('ai:usage.hitRate'),
                  u.cacheHitRate === null ? '–' : `${Math.round(u.cacheHitRate * 100)} %`,
                ],
                [t('ai:usage.failed'), String(u.failed)],
                [t('ai:usage.fallbacks'), String(u.fallbacks)],
              ].map(([label, value]) => (
                <Card key={label}>
                  <p className="text-xs text-slate-500">{label}</p>
                  <p className="mt-1 text-xl font-semibold text-slate-900">{value}</p>
                </Card>
              ))}
            </div>
            <Card>
              <h2 className="mb-3 text-sm font-semibold text-slate-900">{t('ai:usage.budgets')}</h2>
              <ul className="space-y-2 text-sm">
                {u.budgets.map((b) => (
                  <li key={b.scope}>
                    <div className="flex justify-between">
                      <span>{b.scope === 'gesamt' ? t('ai:usage.office') : b.scope}</span>
                      <span className={b.level === 'ok' ? 'text-slate-600' : 'font-medium text-red-700'}>
                        {formatUsd(b.spentUsd)} /{' '}
                        {b.budgetUsd === null ? t('ai:usage.noBudget') : formatUsd(b.budgetUsd)}
                      </span>
                    </div>
                    {b.ratio !== null ? (
                      <div
                        className="mt-1 h-2 rounded bg-slate-100"
                        role="progressbar"
                        aria-valuenow={Math.round(b.ratio * 100)}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-label={b.scope}
                      >
                        <div
                          className={`h-2 rounded ${b.level === 'ok' ? 'bg-brand' : b.level === 'warnung' ? 'bg-amber-500' : 'bg-red-600'}`}
                          style={{ width: `${Math.min(100, b.ratio * 100)}%` }}
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
            {u.calls === 0 ? (
              <p className="text-sm text-slate-500">{t('ai:usage.empty')}</p>
            ) : (
              <div className="grid gap-4 lg:grid-cols-2">
                <SliceChart
                  title={t('ai:usage.byProvider')}
                  data={u.byProvider.map((s) => ({
                    ...s,
                    label: t(`ai:providerName.${s.key}`, { defaultValue: s.label }),
                  }))}
                />
                <SliceChart
                  title={t('ai:usage.byType')}
                  data={u.byType.map((s) => ({
                    ...s,
                    label: t(`ai:type.${s.key}`, { defaultValue: s.key }),
                  }))}
                />
                <SliceChart title={t('ai:usage.byUser')} data={u.byUser} />
                <SliceChart
                  title={t('ai:usage.byDay')}
                  data={u.byDay.map((d) => ({ ...d, label: d.day.slice(8) }))}
                />
              </div>
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
