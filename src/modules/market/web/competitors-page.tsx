import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatCents, formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { Card } from '../../../web/components/card.js';
import { SelectField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import type { CompetitorEventView, CompetitorOverview } from '../contract.js';
import { PageFrame } from './page-frame.js';
import { PricePosition } from './price-position.js';
import { SnapshotForm } from './snapshot-form.js';

/** Competitors' listings followed from snapshot to snapshot, and where an own listing stands. */
export function CompetitorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState('aktiv');
  const [params, setParams] = useSearchParams();
  const propertyId = params.get('objekt') ?? '';
  const overview = useQuery({
    queryKey: ['market', 'competitors', status],
    queryFn: () => api<CompetitorOverview>(`/market/competitors?status=${status}`),
    placeholderData: keepPreviousData,
  });
  const euro = (cents: number | null) => formatCents(cents, lang, { whole: true });
  const eventText = (e: CompetitorEventView) => {
    if (e.kind === 'preis' && e.oldPriceCents && e.newPriceCents)
      return t('market:competitors.event.preis', {
        from: euro(e.oldPriceCents),
        to: euro(e.newPriceCents),
        change: formatNumber(((e.newPriceCents - e.oldPriceCents) / e.oldPriceCents) * 100, lang, 1),
      });
    if (e.kind === 'zurueckgezogen')
      return t('market:competitors.event.zurueckgezogen', { days: e.daysOnMarket });
    return t(`market:competitors.event.${e.kind}`, { price: euro(e.newPriceCents) });
  };
  return (
    <PageFrame>
      <QueryState query={overview}>
        {(view) => (
          <div className="space-y-6">
            {/* Not keyed on the competitors: a remount after the refetch would wipe what the broker began typing. */}
            <SnapshotForm competitors={view.competitors} />
            <Card title={t('market:competitors.positionTitle')}>
              <div className="mb-3 max-w-md">
                <PropertyPicker
                  label={t('market:competitors.ownListing')}
                  value={propertyId}
                  emptyLabel={t('market:competitors.pick')}
                  onChange={(id) => setParams(id ? { objekt: id } : {})}
                />
              </div>
              {propertyId ? <PricePosition propertyId={propertyId} /> : null}
            </Card>
            <Card title={t('market:competitors.eventsTitle')}>
              {view.events.length === 0 ? (
                <p className="py-4 text-center text-sm text-slate-500">{t('market:competitors.noEvents')}</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="competitor-events">
                  {view.events.map((e) => (
                    <li key={e.id} className="flex flex-wrap gap-x-3 py-1.5">
                      <span className="w-24 shrink-0 tabular-nums text-slate-500">
                        {formatDate(e.occurredOn, lang)}
                      </span>
                      <span className="font-medium">
                        {e.competitor} · {e.externalRef}
                      </span>
                      <span className="text-slate-600">
                        {t(`crm:enum.objectType.${e.objectType}`)}, {formatNumber(e.livingArea, lang, 0)} m²,{' '}
                        {e.city}
                      </span>
                      <span>{eventText(e)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card title={t('market:competitors.listingsTitle')}>
              <div className="mb-3 max-w-xs">
                <SelectField
                  label={t('market:competitors.status')}
                  value={status}
                  onChange={(e) => setStatus(e.target.value)}
                  options={['aktiv', 'zurueckgezogen', 'alle'].map((s) => ({
                    value: s,
                    label: t(`market:competitors.statuses.${s}`),
                  }))}
                />
              </div>
              {view.listings.length === 0 ? (
                <p className="py-4 text-center text-sm text-slate-500">
                  {t('market:competitors.noListings')}
                </p>
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full min-w-[44rem] text-sm" data-testid="competitor-listings">
                    <thead>
                      <tr className="border-b text-left text-xs text-slate-500">
                        <th className="py-1.5 font-medium">{t('market:competitors.listing')}</th>
                        <th className="py-1.5 text-right font-medium">{t('market:competitors.area')}</th>
                        <th className="py-1.5 text-right font-medium">{t('market:competitors.price')}</th>
                        <th className="py-1.5 text-right font-medium">€/m²</th>
                        <th className="py-1.5 text-right font-medium">{t('market:competitors.days')}</th>
                        <th className="py-1.5 text-right font-medium">{t('market:competitors.changes')}</th>
                        <th className="py-1.5 text-right font-medium">{t('market:competitors.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.listings.map((l) => (
                        <tr key={l.id} className="border-b border-slate-100">
                          <td className="py-1.5">
                            {l.competitor} · {l.externalRef}
                            <span className="block text-xs text-slate-500">
                              {t(`crm:enum.objectType.${l.objectType}`)}, {l.postalCode} {l.city}
                            </span>
                          </td>
                          <td className="py-1.5 text-right tabular-nums">
                            {formatNumber(l.livingArea, lang, 1)} m²
                          </td>
                          <td className="py-1.5 text-right tabular-nums">
                            {euro(l.priceCents)}
                            {l.priceCents !== l.firstPriceCents ? (
                              <span className="block text-xs text-slate-500">
                                {t('market:competitors.firstPrice', { price: euro(l.firstPriceCents) })}
                              </span>
                            ) : null}
                          </td>
                          <td className="py-1.5 text-right tabular-nums">{euro(l.pricePerSqmCents)}</td>
                          <td className="py-1.5 text-right tabular-nums">{l.daysOnMarket}</td>
                          <td className="py-1.5 text-right tabular-nums">{l.priceChanges}</td>
                          <td className="py-1.5 text-right">
                            {l.withdrawnOn
                              ? t('market:competitors.withdrawnOn', { date: formatDate(l.withdrawnOn, lang) })
                              : t('market:competitors.statuses.aktiv')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </PageFrame>
  );
}
