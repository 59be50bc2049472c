import { useQuery } from '@tanstack/react-query';
import { Flame } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { HotLead } from '../contract.js';
import { formatProbability } from './format.js';
import { ScoreBadge } from './score-badge.js';

/** The open leads with the highest score, each with its reasons: whom to call today. */
export function HotLeads({ limit, order }: { limit: number; order: 'score' | 'heute' }) {
  const { t, i18n } = useTranslation();
  const hot = useQuery({
    queryKey: ['leadscoring', 'hot', limit, order],
    queryFn: () => api<{ items: HotLead[] }>(`/leadscoring/hot?limit=${limit}&order=${order}`),
    refetchInterval: 60_000,
  });
  return (
    <QueryState query={hot}>
      {({ items }) =>
        items.length === 0 ? (
          <p className="flex items-start gap-2 text-sm text-slate-500">
            <Flame className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden="true" />
            {order === 'heute' ? t('leadscoring:hot.emptyToday') : t('leadscoring:hot.empty')}
          </p>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="hot-leads">
            {items.map((lead) => (
              <li key={lead.contactId} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2.5">
                <ScoreBadge total={lead.total} />
                <div className="min-w-0 flex-1">
                  <Link
                    to={`/kontakte/${lead.contactId}`}
                    className="font-medium text-slate-900 hover:text-brand"
                  >
                    {lead.displayName}
                  </Link>
                  <p className="text-sm text-slate-600">{lead.summary.replace(/^\d+: /, '')}</p>
                </div>
                <div className="w-full pl-12 text-xs text-slate-500 sm:w-auto sm:shrink-0 sm:pl-0 sm:text-right">
                  {lead.trend !== 0 ? (
                    <div className={lead.trend > 0 ? 'text-emerald-700' : 'text-slate-500'}>
                      {lead.trend > 0
                        ? t('leadscoring:hot.trendUp', { n: lead.trend })
                        : t('leadscoring:hot.trendDown', { n: lead.trend })}
                    </div>
                  ) : null}
                  <div>
                    {t('leadscoring:hot.close', {
                      p: formatProbability(lead.close.probability, i18n.language),
                    })}
                  </div>
                  {lead.lastSignalAt ? (
                    <div>
                      {t('leadscoring:hot.lastSignal', {
                        when: formatDateTime(lead.lastSignalAt, i18n.language),
                      })}
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )
      }
    </QueryState>
  );
}
