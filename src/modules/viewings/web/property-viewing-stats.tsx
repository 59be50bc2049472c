import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { PropertyStats } from '../contract.js';

const FIGURES = [
  'viewings',
  'visitors',
  'checkIns',
  'noShows',
  'feedbacks',
  'averageInterest',
  'wantsOffer',
  'wantsSecondViewing',
  'won',
] as const;

/** A property's viewings in figures and per week: for the broker and for the owner's report. */
export default function PropertyViewingStats({ propertyId }: { propertyId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['viewings', 'stats', propertyId],
    queryFn: () => api<PropertyStats>(`/viewings/stats/properties/${propertyId}`),
  });
  return (
    <QueryState query={query}>
      {(stats) =>
        stats.viewings === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">{t('viewings:statsEmpty')}</p>
        ) : (
          <div className="space-y-5">
            <div className="flex items-center justify-between gap-2">
              <h2 className="text-base font-semibold text-slate-900">{t('viewings:statsTitle')}</h2>
              <a
                className="inline-flex items-center gap-1 text-sm text-brand hover:underline"
                href={`/api/viewings/stats/properties/${propertyId}/visitors.csv`}
                download
              >
                <Download className="size-4" aria-hidden="true" /> {t('viewings:csv')}
              </a>
            </div>
            <dl
              className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
              aria-label={t('viewings:statsTitle')}
            >
              {FIGURES.map((f) => (
                <div key={f} className="rounded-lg bg-slate-50 px-3 py-2">
                  <dt className="text-xs text-slate-500">{t(`viewings:stats.${f}`)}</dt>
                  <dd className="text-lg font-semibold text-slate-900" data-figure={f}>
                    {f === 'averageInterest'
                      ? stats.averageInterest === null
                        ? '–'
                        : `${formatNumber(stats.averageInterest, i18n.language, 1)} / 5`
                      : stats[f]}
                  </dd>
                </div>
              ))}
            </dl>
            {stats.feedbacks > 0 ? (
              <p className="text-sm text-slate-600">
                {(['zu_hoch', 'angemessen', 'guenstig'] as const)
                  .map((o) => `${t(`viewings:priceOpinion.${o}`)}: ${stats.priceOpinions[o]}`)
                  .join(' · ')}
              </p>
            ) : null}
            <figure>
              <figcaption className="mb-2 text-sm font-medium text-slate-700">
                {t('viewings:chartTitle')}
              </figcaption>
              <div className="h-56">
                <ResponsiveContainer>
                  <BarChart
                    data={stats.weeks.map((w) => ({
                      ...w,
                      label: formatDate(w.week, i18n.language).slice(0, 6),
                    }))}
                    margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
                  >
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="label" fontSize={12} />
                    <YAxis allowDecimals={false} fontSize={12} />
                    <Tooltip
                      labelFormatter={(_, payload) =>
                        t('viewings:week', { date: formatDate(payload?.[0]?.payload?.week, i18n.language) })
                      }
                    />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Bar dataKey="viewings" name={t('viewings:stats.viewings')} fill="#0f766e" />
                    <Bar dataKey="checkIns" name={t('viewings:stats.checkIns')} fill="#38bdf8" />
                    <Bar dataKey="noShows" name={t('viewings:stats.noShows')} fill="#f87171" />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
          </div>
        )
      }
    </QueryState>
  );
}
