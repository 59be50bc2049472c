import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Badge } from '../../../web/components/badge.js';
import { Card } from '../../../web/components/card.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { NetworkDetail } from '../contract.js';

/** The member offices and what each of them shares; each office decides that itself. */
export function MembersTab({ networkId }: { networkId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const detail = useQuery({
    queryKey: ['networks', networkId, 'detail'],
    queryFn: () => api<NetworkDetail>(`/networks/${networkId}`),
  });
  return (
    <Card title={t('networks:members.title')}>
      <QueryState query={detail}>
        {(data) => (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="network-members">
            {data.members.map((m) => (
              <li key={m.tenantId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium text-slate-900">{m.name}</span>
                  <span className="block text-xs text-slate-500">
                    {t('networks:members.joined', { date: formatDate(m.joinedAt, lang) })}
                  </span>
                </span>
                <span className="flex items-center gap-1 text-xs text-slate-500">
                  {t('networks:members.shares')}:
                  {m.sharesListings ? <Badge tone="green">{t('networks:members.listings')}</Badge> : null}
                  {m.sharesReports ? <Badge tone="green">{t('networks:members.reports')}</Badge> : null}
                  {!m.sharesListings && !m.sharesReports ? (
                    <Badge>{t('networks:members.nothing')}</Badge>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}
