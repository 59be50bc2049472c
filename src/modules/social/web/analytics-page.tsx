import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BarChart3, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { METRIC_NAMES } from '../providers/social-adapter.js';
import { socialKeys } from './social-api.js';
import { PLATFORM_COLOURS, PlatformDot } from './social-badges.js';
import { SocialTabs } from './social-tabs.js';

type Totals = Record<(typeof METRIC_NAMES)[number], number>;
interface Overview {
  totals: Totals;
  publishedPosts: number;
  lastFetchedAt: string | null;
  byPlatform: { platform: string; posts: number; totals: Totals }[];
  byProperty: { propertyId: string; title: string; posts: number; totals: Totals }[];
  accounts: { id: string; platform: string; name: string; mode: string; followers: number | null }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const canRefresh = hasPermission(useMe().data, 'social.posts.publish');
  const queryClient = useQueryClient();
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE';
  const numbers = new Intl.NumberFormat(locale);
  const overview = useQuery({
    queryKey: socialKeys.overview,
    queryFn: () => api<Overview>('/social-media/analytics/overview'),
  });
  const refresh = useMutation({
    mutationFn: async () => {
      const { jobRunId } = await api<{ jobRunId: string }>('/social-media/analytics/refresh', {
        method: 'POST',
      });
      for (let i = 0; i < 60; i++) {
        const run = await api<{ status: string }>(`/social-media/analytics/refresh/${jobRunId}`);
        if (run.status === 'completed') return;
        if (run.status === 'dead' || run.status === 'cancelled') throw new Error(run.status);
        await sleep(1000);
      }
    },
    onSuccess: () => {
      toast.success(t('social:analytics.refreshed'));
      void queryClient.invalidateQueries({ queryKey: ['social'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const metric = (name: string) => t(`social:analytics.metric.${name}`);

  return (
    <>
      <PageHeader
        title={t('social:title')}
        description={t('social:analytics.description')}
        actions={
          canRefresh ? (
            <Button
              variant="secondary"
              icon={<RefreshCw className="size-4" />}
              loading={refresh.isPending}
              onClick={() => refresh.mutate()}
            >
              {refresh.isPending ? t('social:analytics.refreshing') : t('social:analytics.refresh')}
            </Button>
          ) : null
        }
      />
      <SocialTabs />
      <QueryState query={overview}>
        {(data) =>
          data.publishedPosts === 0 ? (
            <Card>
              <EmptyState
                icon={BarChart3}
                title={t('social:analytics.empty')}
                text={t('social:analytics.emptyText')}
              />
            </Card>
          ) : (
            <div className="space-y-5">
              <p className="text-xs text-slate-500">
                {data.lastFetchedAt
                  ? t('social:analytics.lastFetched', {
                      when: new Intl.DateTimeFormat(locale, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      }).format(new Date(data.lastFetchedAt)),
                    })
                  : t('social:analytics.never')}
              </p>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                {(['impressions', 'reach', 'engagement', 'clicks'] as const).map((name) => (
                  <div key={name} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                    <dt className="text-xs text-slate-500">{metric(name)}</dt>
                    <dd className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`kpi-${name}`}>
                      {numbers.format(data.totals[name])}
                    </dd>
                  </div>
                ))}
              </dl>
              <div className="grid gap-5 lg:grid-cols-2">
                <Card title={t('social:analytics.byPlatform')}>
                  <div className="h-64">
                    <ResponsiveContainer>
                      <BarChart
                        data={data.byPlatform.map((p) => ({
                          name: t(`social:platform.${p.platform}`),
                          impressions: p.totals.impressions,
                          engagement: p.totals.engagement,
                        }))}
                      >
                        <CartesianGrid strokeDasharray="3 3" vertical={false} />
                        <XAxis dataKey="name" fontSize={12} />
                        <YAxis fontSize={12} tickFormatter={(v: number) => numbers.format(v)} />
                        <Tooltip formatter={(v) => numbers.format(Number(v))} />
                        <Legend />
                        <Bar dataKey="impressions" name={metric('impressions')} fill="#0f766e" />
                        <Bar dataKey="engagement" name={metric('engagement')} fill="#f59e0b" />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                </Card>
                <Card title={t('social:analytics.byProperty')}>
                  <div className="h-64">
                    <ResponsiveContainer>
                      <BarChart
                        layout="vertical"
                        data={data.byProperty.slice(0, 8).map((p) => ({
                          name: p.title.length > 28 ? `${p.title.slice(0, 27)}…` : p.title,
                          impressions: p.totals.impressions,
                        }))}
                      >
                        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                        <XAxis type="number" fontSize={12} tickFormatter={(v: number) => numbers.format(v)} />
                        <YAxis type="category" dataKey="name" width={140} fontSize={11} />
                        <Tooltip formatter={(v) => numbers.format(Number(v))} />
                        <Bar dataKey="impressions" name={metric('impressions')} fill="#0f766e" />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                </Card>
              </div>
              <Card title={t('social:analytics.byPlatform')}>
                <div className="overflow-x-auto">
                  <table className="w-full text-sm">
                    <thead>
                      <tr className="text-left text-xs text-slate-500">
                        <th className="py-2 pr-3 font-medium" />
                        <th className="py-2 pr-3 font-medium">{t('social:analytics.posts')}</th>
                        {METRIC_NAMES.map((m) => (
                          <th key={m} className="py-2 pr-3 text-right font-medium">
                            {metric(m)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.byPlatform.map((row) => (
                        <tr key={row.platform}>
                          <td className="py-2 pr-3">
                            <PlatformDot platform={row.platform} />
                          </td>
                          <td className="py-2 pr-3">{row.posts}</td>
                          {METRIC_NAMES.map((m) => (
                            <td key={m} className="py-2 pr-3 text-right tabular-nums">
                              {numbers.format(row.totals[m])}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <ul className="mt-4 flex flex-wrap gap-4 text-xs text-slate-600">
                  {data.accounts
                    .filter((a) => a.followers !== null)
                    .map((a) => (
                      <li key={a.id} className="flex items-center gap-2">
                        <span
                          className="inline-block size-2 rounded-full"
                          style={{ backgroundColor: PLATFORM_COLOURS[a.platform] }}
                          aria-hidden="true"
                        />
                        {a.name}:{' '}
                        {t('social:accounts.followers', { formatted: numbers.format(a.followers ?? 0) })}
                      </li>
                    ))}
                </ul>
              </Card>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
