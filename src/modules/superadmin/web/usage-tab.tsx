import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { UsageSeries } from '../contract.js';

const dayLabel = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;

/** New offices and listings, mails and AI cost per day (Europe/Berlin). */
export function UsageTab() {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const usage = useQuery({
    queryKey: ['superadmin', 'usage', days],
    queryFn: () => api<UsageSeries>(`/superadmin/usage?days=${days}`),
  });
  return (
    <div className="space-y-4">
      <div className="max-w-48">
        <SelectField
          label={t('superadmin:usage.days')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value))}
          options={[7, 30, 90, 365].map((d) => ({
            value: String(d),
            label: t('superadmin:usage.last', { days: d }),
          }))}
        />
      </div>
      <QueryState query={usage}>
        {(series) => {
          const data = series.days.map((d) => ({
            ...d,
            label: dayLabel(d.day),
            aiCostUsd: d.aiCostMicros / 1e6,
          }));
          return (
            <div className="grid gap-4 lg:grid-cols-2">
              <Card title={`${t('superadmin:usage.newOffices')} · ${t('superadmin:usage.newListings')}`}>
                <div className="h-64">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={data} margin={{ left: 0, right: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
                      <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
                      <Tooltip />
                      <Legend />
                      <Bar
                        dataKey="newOffices"
                        name={t('superadmin:usage.newOffices')}
                        fill="var(--brand, #0f766e)"
                      />
                      <Bar dataKey="newListings" name={t('superadmin:usage.newListings')} fill="#94a3b8" />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </Card>
              <Card title={`${t('superadmin:usage.aiCost')} · ${t('superadmin:usage.mailsSent')}`}>
                <div className="h-64">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={data} margin={{ left: 0, right: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
                      <YAxis yAxisId="cost" tick={{ fontSize: 11 }} />
                      <YAxis
                        yAxisId="mails"
                        orientation="right"
                        tick={{ fontSize: 11 }}
                        allowDecimals={false}
                      />
                      <Tooltip
                        formatter={(value, name) =>
                          name === t('superadmin:usage.aiCost') ? formatUsd(Number(value)) : value
                        }
                      />
                      <Legend />
                      <Bar
                        yAxisId="cost"
                        dataKey="aiCostUsd"
                        name={t('superadmin:usage.aiCost')}
                        fill="#f59e0b"
                      />
                      <Bar
                        yAxisId="mails"
                        dataKey="mailsSent"
                        name={t('superadmin:usage.mailsSent')}
                        fill="#0ea5e9"
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </Card>
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
