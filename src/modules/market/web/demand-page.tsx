import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { fieldErrors } from '../../../web/api/error-message.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { QueryState } from '../../../web/components/query-state.js';
import { OBJECT_TYPES } from '../../crm/domain/property-enums.js';
import type { DemandView } from '../contract.js';
import { DEMAND_BANDS, NO_OFFER_COLOUR, QUIET_COLOUR } from './demand-scale.js';
import { readNumber } from './number-input.js';
import { PageFrame } from './page-frame.js';
import { PointMap } from './point-map.js';
import { SourcesFooter } from './sources-footer.js';

// Leaflet loads only where the server has a tile provider configured.
const TileMap = lazy(() => import('./tile-map.js'));

interface Filters {
  marketingType: string;
  objectType: string;
  days: string;
  priceMin: string;
  priceMax: string;
}

function queryOf(f: Filters): string {
  const params = new URLSearchParams({ marketingType: f.marketingType, days: f.days });
  if (f.objectType) params.set('objectType', f.objectType);
  for (const key of ['priceMin', 'priceMax'] as const) {
    const n = readNumber(f[key]);
    if (n !== null) params.set(key, Number.isNaN(n) ? f[key] : String(Math.round(n)));
  }
  return params.toString();
}

/** Where demand meets supply: search requests, inquiries and viewings against offers per postal code. */
export function DemandPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<Filters>({
    marketingType: 'kauf',
    objectType: '',
    days: '365',
    priceMin: '',
    priceMax: '',
  });
  const [filters, setFilters] = useState(draft);
  const [selected, setSelected] = useState<string | null>(null);
  const demand = useQuery({
    queryKey: ['market', 'demand', filters],
    queryFn: () => api<DemandView>(`/market/demand?${queryOf(filters)}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const errors = fieldErrors(demand.error);
  const change = (key: keyof Filters, live: boolean) => (e: { target: { value: string } }) => {
    const next = { ...draft, [key]: e.target.value };
    setDraft(next);
    if (live) setFilters(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const select = useCallback((code: string) => {
    setSelected(code);
    document.getElementById(`area-${code}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  const n = (v: number, digits = 0) => formatNumber(v, lang, digits);

  return (
    <PageFrame>
      <Card title={t('market:demand.title')}>
        <form onSubmit={submit} className="mb-4 grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <SelectField
            label={t('market:subject.marketingType')}
            value={draft.marketingType}
            onChange={change('marketingType', true)}
            options={[
              { value: 'kauf', label: t('market:kauf') },
              { value: 'miete', label: t('market:miete') },
            ]}
          />
          <SelectField
            label={t('market:subject.objectType')}
            value={draft.objectType}
            onChange={change('objectType', true)}
            options={[
              { value: '', label: t('market:demand.allTypes') },
              ...OBJECT_TYPES.map((o) => ({ value: o, label: t(`crm:enum.objectType.${o}`) })),
            ]}
          />
          <SelectField
            label={t('market:demand.window')}
            value={draft.days}
            onChange={change('days', true)}
            options={['90', '180', '365', '730'].map((d) => ({
              value: d,
              label: t(`market:demand.days.${d}`),
            }))}
          />
          <TextField
            label={t(draft.marketingType === 'miete' ? 'market:demand.rentMin' : 'market:demand.priceMin')}
            inputMode="numeric"
            value={draft.priceMin}
            onChange={change('priceMin', false)}
            error={errors.priceMin ?? null}
          />
          <TextField
            label={t(draft.marketingType === 'miete' ? 'market:demand.rentMax' : 'market:demand.priceMax')}
            inputMode="numeric"
            value={draft.priceMax}
            onChange={change('priceMax', false)}
            error={errors.priceMax ?? null}
          />
          <Button type="submit" variant="secondary">
            {t('market:demand.apply')}
          </Button>
        </form>
        <QueryState query={demand}>
          {(view) => {
            const active = view.areas.filter((a) => a.demand > 0 || a.supply > 0);
            const unplaced = view.unplaced.searches + view.unplaced.inquiries + view.unplaced.viewings;
            return (
              <div>
                <p className="mb-3 text-sm text-slate-600" data-testid="demand-totals">
                  {t('market:demand.totals', {
                    since: formatDate(view.since, lang),
                    searches: n(view.totals.searches),
                    inquiries: n(view.totals.inquiries),
                    viewings: n(view.totals.viewings),
                    supply: n(view.totals.supply),
                  })}
                </p>
                {view.tiles ? (
                  <Suspense fallback={<div className="h-[28rem] animate-pulse rounded-lg bg-slate-100" />}>
                    <TileMap areas={view.areas} tiles={view.tiles} onSelect={select} />
                  </Suspense>
                ) : (
                  <>
                    <PointMap areas={view.areas} onSelect={select} />
                    <p className="mt-1 text-xs text-slate-500">{t('market:demand.offlineMap')}</p>
                  </>
                )}
                <ul
                  className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
                  aria-label={t('market:demand.legend')}
                >
                  {DEMAND_BANDS.map((b) => (
                    <li key={b.key} className="flex items-center gap-1.5">
                      <span className="inline-block size-3 rounded-full" style={{ background: b.colour }} />
                      {t(`market:demand.band.${b.key}`)}
                    </li>
                  ))}
                  <li className="flex items-center gap-1.5">
                    <span
                      className="inline-block size-3 rounded-full"
                      style={{ background: NO_OFFER_COLOUR }}
                    />
                    {t('market:demand.band.noOffer')}
                  </li>
                  <li className="flex items-center gap-1.5">
                    <span className="inline-block size-3 rounded-full" style={{ background: QUIET_COLOUR }} />
                    {t('market:demand.band.quiet')}
                  </li>
                  <li>{t('market:demand.sizeHint')}</li>
                </ul>
                {unplaced > 0 ? (
                  <p className="mt-2 text-xs text-amber-800">
                    {t('market:demand.unplaced', { count: Math.round(unplaced) })}
                  </p>
                ) : null}
                {active.length === 0 ? (
                  <p className="py-6 text-center text-sm text-slate-500">{t('market:demand.empty')}</p>
                ) : (
                  <div className="mt-4 overflow-x-auto">
                    <table className="w-full min-w-[36rem] text-sm" data-testid="demand-table">
                      <thead>
                        <tr className="border-b text-left text-xs text-slate-500">
                          <th className="py-1.5 font-medium">{t('market:demand.area')}</th>
                          <th className="py-1.5 text-right font-medium">{t('market:demand.searches')}</th>
                          <th className="py-1.5 text-right font-medium">{t('market:demand.inquiries')}</th>
                          <th className="py-1.5 text-right font-medium">{t('market:demand.viewings')}</th>
                          <th className="py-1.5 text-right font-medium">{t('market:demand.supply')}</th>
                          <th className="py-1.5 text-right font-medium">{t('market:demand.perOffer')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {active.map((a) => (
                          <tr
                            key={a.postalCode}
                            id={`area-${a.postalCode}`}
                            className={`border-b border-slate-100 ${selected === a.postalCode ? 'bg-teal-50' : ''}`}
                          >
                            <td className="py-1.5">
                              {a.postalCode} {a.town}
                            </td>
                            <td className="py-1.5 text-right tabular-nums">{n(a.searches, 1)}</td>
                            <td className="py-1.5 text-right tabular-nums">{n(a.inquiries)}</td>
                            <td className="py-1.5 text-right tabular-nums">{n(a.viewings)}</td>
                            <td className="py-1.5 text-right tabular-nums">{n(a.supply)}</td>
                            <td className="py-1.5 text-right tabular-nums">
                              {a.demandPerOffer === null
                                ? t('market:demand.noOffer')
                                : n(a.demandPerOffer, 2)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                <SourcesFooter
                  sources={
                    view.tiles
                      ? [
                          ...view.sources,
                          {
                            name: t('market:demand.basemap'),
                            source: view.tiles.attribution,
                            licence: '–',
                            licenceUrl: null,
                            demo: false,
                          },
                        ]
                      : view.sources
                  }
                />
                <p className="mt-1 text-xs text-slate-500">{t('market:demand.method')}</p>
              </div>
            );
          }}
        </QueryState>
      </Card>
    </PageFrame>
  );
}
