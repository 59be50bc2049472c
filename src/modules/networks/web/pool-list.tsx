import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Building2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatArea, formatCents, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { MARKETING_TYPES, OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import type { PoolView } from '../contract.js';

type Listing = PoolView['listings'][number];

/** The network's listing pool with its filters; `path` is the office's or the administrator's. */
export function PoolList({ path }: { path: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const [q, setQ] = useState('');
  const [marketingType, setMarketingType] = useState('');
  const [objectType, setObjectType] = useState('');
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (marketingType) params.set('marketingType', marketingType);
  if (objectType) params.set('objectType', objectType);
  const pool = useQuery({
    queryKey: ['networks', 'pool', path, params.toString()],
    queryFn: () => api<PoolView>(`${path}?${params}`),
    placeholderData: keepPreviousData,
  });
  const price = (l: Listing) =>
    l.priceCents === null
      ? '–'
      : `${formatCents(l.priceCents, lang)}${l.marketingType === 'miete' ? ` ${t('networks:pool.perMonth')}` : ''}`;
  const kind = (l: Listing) =>
    `${t(`crm:enum.objectType.${l.objectType}`)} · ${t(`crm:enum.marketingType.${l.marketingType}`)}`;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t('networks:pool.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={80}
        />
        <SelectField
          label={t('networks:routing.marketingType')}
          value={marketingType}
          onChange={(e) => setMarketingType(e.target.value)}
          options={[
            { value: '', label: t('networks:pool.allMarketing') },
            ...MARKETING_TYPES.map((m) => ({ value: m, label: t(`crm:enum.marketingType.${m}`) })),
          ]}
        />
        <SelectField
          label={t('networks:routing.objectType')}
          value={objectType}
          onChange={(e) => setObjectType(e.target.value)}
          options={[
            { value: '', label: t('networks:pool.allTypes') },
            ...OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) })),
          ]}
        />
      </div>
      <QueryState query={pool}>
        {(data) =>
          data.listings.length === 0 ? (
            <EmptyState
              icon={Building2}
              title={t('networks:pool.empty')}
              text={t('networks:pool.emptyText')}
            />
          ) : (
            <>
              <p className="text-sm text-slate-600" data-testid="pool-count">
                {t('networks:pool.count', { count: data.total })}
              </p>
              <ul className="divide-y divide-slate-100 sm:hidden" data-testid="pool-cards">
                {data.listings.map((l) => (
                  <li key={l.id} className="space-y-1 py-3 text-sm">
                    <a
                      href={l.publicUrl}
                      target="_blank"
                      rel="noreferrer"
                      className="font-medium text-brand hover:underline"
                    >
                      {l.title}
                    </a>
                    <p className="text-slate-600">
                      {l.postalCode} {l.city} · {kind(l)}
                    </p>
                    <p className="tabular-nums">
                      {price(l)}
                      {l.livingArea ? ` · ${formatArea(l.livingArea, lang)}` : ''}
                      {l.rooms
                        ? ` · ${t('networks:pool.roomsShort', { rooms: formatNumber(l.rooms, lang, 1) })}`
                        : ''}
                    </p>
                    <p className="text-xs text-slate-500">{l.officeName}</p>
                  </li>
                ))}
              </ul>
              <div className="hidden overflow-x-auto sm:block">
                <table className="min-w-full text-sm" data-testid="pool-table">
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th className="px-3 py-2">{t('networks:pool.object')}</th>
                      <th className="px-3 py-2">{t('networks:pool.place')}</th>
                      <th className="px-3 py-2 text-right">{t('networks:pool.price')}</th>
                      <th className="px-3 py-2 text-right">{t('networks:pool.area')}</th>
                      <th className="px-3 py-2 text-right">{t('networks:pool.rooms')}</th>
                      <th className="px-3 py-2">{t('networks:pool.office')}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.listings.map((l) => (
                      <tr key={l.id}>
                        <td className="px-3 py-2">
                          <a
                            href={l.publicUrl}
                            target="_blank"
                            rel="noreferrer"
                            className="font-medium text-brand hover:underline"
                          >
                            {l.title}
                          </a>
                          <p className="text-xs text-slate-500">
                            {kind(l)}
                            {l.status === 'reserviert' ? ` · ${t('networks:pool.reserved')}` : ''}
                          </p>
                        </td>
                        <td className="whitespace-nowrap px-3 py-2">
                          {l.postalCode} {l.city}
                        </td>
                        <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{price(l)}</td>
                        <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                          {l.livingArea ? formatArea(l.livingArea, lang) : '–'}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {l.rooms ? formatNumber(l.rooms, lang, 1) : '–'}
                        </td>
                        <td className="px-3 py-2">{l.officeName}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {data.total > data.listings.length ? (
                <p className="text-xs text-slate-500">
                  {t('networks:pool.more', { shown: data.listings.length, total: data.total })}
                </p>
              ) : null}
            </>
          )
        }
      </QueryState>
    </div>
  );
}
