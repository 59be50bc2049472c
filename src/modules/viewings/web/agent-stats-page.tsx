import './i18n.js';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';

interface AgentRow {
  agentId: string | null;
  agentName: string;
  viewings: number;
  held: number;
  checkIns: number;
  noShows: number;
  averageInterest: number | null;
  wantsOffer: number;
  won: number;
}

const PERIODS = ['30', '90', '365'] as const;

/** Viewings per agent over a period: held, check-ins, no-shows, interest, offers, deals. */
export function AgentStatsPage() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<(typeof PERIODS)[number]>('90');
  const query = useQuery({
    queryKey: ['viewings', 'stats', 'agents', days],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - Number(days) * 86_400_000);
      return api<{ items: AgentRow[] }>(
        `/viewings/stats/agents?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`,
      );
    },
  });
  const columns = [
    'viewings',
    'held',
    'checkIns',
    'noShows',
    'averageInterest',
    'wantsOffer',
    'won',
  ] as const;
  return (
    <>
      <PageHeader
        title={t('viewings:agentStatsTitle')}
        actions={
          <Link className="text-sm text-brand hover:underline" to="/besichtigungen">
            {t('viewings:back')}
          </Link>
        }
      />
      <Card>
        <div className="mb-4 max-w-xs">
          <SelectField
            label={t('viewings:period')}
            value={days}
            onChange={(e) => setDays(e.target.value as typeof days)}
            options={PERIODS.map((p) => ({ value: p, label: t(`viewings:periods.${p}`) }))}
          />
        </div>
        <QueryState query={query}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500">{t('viewings:agentStatsEmpty')}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full text-sm">
                  <thead>
                    <tr className="border-b border-slate-200 text-left text-slate-500">
                      <th className="py-2 pr-4 font-medium">{t('viewings:agent')}</th>
                      {columns.map((c) => (
                        <th key={c} className="py-2 pr-4 text-right font-medium">
                          {c === 'held' ? t('viewings:held') : t(`viewings:stats.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((row) => (
                      <tr key={row.agentId ?? 'none'} className="border-b border-slate-100">
                        <td className="py-2 pr-4 font-medium text-slate-800">{row.agentName}</td>
                        {columns.map((c) => (
                          <td key={c} className="py-2 pr-4 text-right tabular-nums">
                            {c === 'averageInterest'
                              ? row.averageInterest === null
                                ? '–'
                                : formatNumber(row.averageInterest, i18n.language, 1)
                              : row[c]}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </Card>
    </>
  );
}
