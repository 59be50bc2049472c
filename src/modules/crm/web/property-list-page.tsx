import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Building2, Plus, Save, Share2, SlidersHorizontal } from 'lucide-react';
import { type ChangeEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { Pagination } from '../../../web/components/pagination.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { PropertyListItem } from '../contract.js';
import { MARKETING_TYPES, OBJECT_TYPES, PROPERTY_STATUSES } from '../domain/property-enums.js';
import { formatEuro, formatNumber, headlinePrice, STATUS_TONE } from './format.js';
import { SearchBar, useUrlFilters } from './list-controls.js';

const FILTER_KEYS = [
  'q',
  'status',
  'marketingType',
  'objectType',
  'minPrice',
  'maxPrice',
  'minRooms',
  'sort',
  'order',
];
const SORTS = ['createdAt', 'price', 'livingArea', 'city', 'title'] as const;

interface SavedFilter {
  id: string;
  name: string;
  query: Record<string, string>;
}

type TypedKey = 'minPrice' | 'maxPrice' | 'minRooms';

export function PropertyListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { filters, page, params, setParams, setFilter, setPage, replaceAll } = useUrlFilters(FILTER_KEYS);
  const [saveOpen, setSaveOpen] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilterCount = Object.keys(filters).filter((k) => !['q', 'sort', 'order'].includes(k)).length;
  const [filterName, setFilterName] = useState('');

  const list = useQuery({
    queryKey: ['crm', 'properties', filters, page],
    queryFn: () =>
      api<ListPage<PropertyListItem>>(
        `/crm/properties?${new URLSearchParams({ ...filters, page: String(page), pageSize: '25' })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const saved = useQuery({
    queryKey: ['crm', 'saved-filters', 'property'],
    queryFn: () => api<{ items: SavedFilter[] }>('/crm/saved-filters?entity=property'),
  });
  const saveFilter = useMutation({
    mutationFn: () =>
      api('/crm/saved-filters', {
        method: 'POST',
        body: { entity: 'property', name: filterName, query: filters },
      }),
    onSuccess: async () => {
      toast.success(t('crm:properties.filterSaved'));
      setSaveOpen(false);
      setFilterName('');
      await queryClient.invalidateQueries({ queryKey: ['crm', 'saved-filters'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });

  const any = { value: '', label: t('crm:common.any') };
  // Typed filters apply together with the search (button or Enter in any field), not only on Tab.
  const typedKeys = ['minPrice', 'maxPrice', 'minRooms'] as const;
  const fromUrl = Object.fromEntries(typedKeys.map((k) => [k, filters[k] ?? ''])) as Record<TypedKey, string>;
  const [typed, setTyped] = useState(fromUrl);
  const [typedFrom, setTypedFrom] = useState(fromUrl);
  if (typedKeys.some((k) => fromUrl[k] !== typedFrom[k])) {
    setTypedFrom(fromUrl);
    setTyped(fromUrl);
  }
  const cleaned = (key: TypedKey, value: string) =>
    key === 'minRooms' ? value.replace(',', '.').replace(/[^\d.]/g, '') : value.replace(/\D/g, '');
  const applyTyped = (q?: string) => {
    const next = new URLSearchParams(params);
    const values: Record<string, string> = { ...typed, ...(q === undefined ? {} : { q }) };
    for (const [key, raw] of Object.entries(values)) {
      const value = key === 'q' ? raw : cleaned(key as TypedKey, raw);
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    setParams(next);
  };
  const typedField = (key: TypedKey, inputMode: 'numeric' | 'decimal') => ({
    label: t(`crm:properties.filters.${key}`),
    inputMode,
    value: typed[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setTyped((v) => ({ ...v, [key]: e.target.value })),
    onBlur: () => applyTyped(),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') applyTyped();
    },
  });

  return (
    <>
      <PageHeader
        title={t('crm:properties.title')}
        description={t('crm:properties.description')}
        actions={
          <>
            <Link
              to="/objekte/openimmo"
              className="inline-flex items-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              <Share2 className="size-4" aria-hidden="true" />
              {t('crm:openimmo.link')}
            </Link>
            {hasPermission(me, 'crm.properties.write') ? (
              <Link
                to="/objekte/neu"
                className="inline-flex items-center gap-2 rounded-lg bg-brand px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:brightness-110"
              >
                <Plus className="size-4" aria-hidden="true" />
                {t('crm:properties.new')}
              </Link>
            ) : null}
          </>
        }
      />
      <Card className="mb-4">
        <SearchBar
          value={filters.q ?? ''}
          placeholder={t('crm:properties.searchPlaceholder')}
          onSearch={(q) => applyTyped(q)}
        />
        {/* On a phone the filters fold away, so the list starts on the first screen. */}
        <button
          type="button"
          className="mt-3 inline-flex items-center gap-2 text-sm font-medium text-brand sm:hidden"
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          <SlidersHorizontal className="size-4" aria-hidden="true" />
          {t('crm:properties.filters.toggle', { count: activeFilterCount })}
        </button>
        <div
          className={`mt-4 gap-3 sm:grid sm:grid-cols-3 lg:grid-cols-7 ${filtersOpen ? 'grid' : 'hidden'}`}
        >
          <SelectField
            label={t('crm:properties.filters.status')}
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
            options={[any, ...PROPERTY_STATUSES.map((s) => ({ value: s, label: t(`crm:enum.status.${s}`) }))]}
          />
          <SelectField
            label={t('crm:properties.filters.marketingType')}
            value={filters.marketingType ?? ''}
            onChange={(e) => setFilter('marketingType', e.target.value)}
            options={[
              any,
              ...MARKETING_TYPES.map((s) => ({ value: s, label: t(`crm:enum.marketingType.${s}`) })),
            ]}
          />
          <SelectField
            label={t('crm:properties.filters.objectType')}
            value={filters.objectType ?? ''}
            onChange={(e) => setFilter('objectType', e.target.value)}
            options={[any, ...OBJECT_TYPES.map((s) => ({ value: s, label: t(`crm:enum.objectType.${s}`) }))]}
          />
          <TextField {...typedField('minPrice', 'numeric')} />
          <TextField {...typedField('maxPrice', 'numeric')} />
          <TextField {...typedField('minRooms', 'decimal')} />
          <SelectField
            label={t('crm:properties.sort.label')}
            value={`${filters.sort ?? 'createdAt'}:${filters.order ?? 'desc'}`}
            onChange={(e) => {
              const [sort = 'createdAt', order = 'desc'] = e.target.value.split(':');
              const next = new URLSearchParams(params);
              next.set('sort', sort);
              next.set('order', order);
              setParams(next);
            }}
            options={SORTS.flatMap((s) =>
              s === 'createdAt'
                ? [{ value: 'createdAt:desc', label: t('crm:properties.sort.createdAt') }]
                : [
                    { value: `${s}:asc`, label: `${t(`crm:properties.sort.${s}`)} ↑` },
                    { value: `${s}:desc`, label: `${t(`crm:properties.sort.${s}`)} ↓` },
                  ],
            )}
          />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
          {(saved.data?.items ?? []).length > 0 ? (
            <span className="text-slate-500">{t('crm:properties.savedFilters')}:</span>
          ) : null}
          {(saved.data?.items ?? []).map((f) => (
            <button
              key={f.id}
              type="button"
              onClick={() => replaceAll(f.query)}
              className="rounded-full bg-slate-100 px-3 py-1 text-slate-700 hover:bg-slate-200"
            >
              {f.name}
            </button>
          ))}
          <span className="flex-1" />
          {Object.keys(filters).length > 0 ? (
            <>
              <Button variant="ghost" onClick={() => replaceAll({})}>
                {t('crm:properties.filters.reset')}
              </Button>
              {hasPermission(me, 'crm.filters.write') ? (
                <Button
                  variant="secondary"
                  icon={<Save className="size-4" />}
                  onClick={() => setSaveOpen(true)}
                >
                  {t('crm:properties.saveFilter')}
                </Button>
              ) : null}
            </>
          ) : null}
        </div>
      </Card>
      <Card>
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                icon={Building2}
                title={t('crm:properties.empty')}
                text={t('crm:properties.emptyHint')}
              />
            ) : (
              <>
                <div className="-mx-5 -mt-5 overflow-x-auto">
                  <table className="min-w-full divide-y divide-slate-100 text-sm">
                    <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                      <tr>
                        <th scope="col" className="px-5 py-3">
                          {t('crm:properties.columns.title')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 sm:table-cell">
                          {t('crm:properties.columns.status')}
                        </th>
                        <th scope="col" className="px-3 py-3 text-right sm:px-5">
                          {t('crm:properties.columns.price')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 text-right md:table-cell">
                          {t('crm:properties.columns.area')}
                        </th>
                        <th scope="col" className="hidden px-5 py-3 text-right md:table-cell">
                          {t('crm:properties.columns.rooms')}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.items.map((p) => (
                        <tr
                          key={p.id}
                          className="cursor-pointer hover:bg-slate-50"
                          onClick={() => navigate(`/objekte/${p.id}`)}
                        >
                          <td className="px-3 py-3 sm:px-5">
                            <div className="flex items-center gap-3">
                              {p.titleImage ? (
                                <img
                                  src={p.titleImage.urls.thumb}
                                  alt=""
                                  loading="lazy"
                                  className="hidden h-12 w-16 flex-none rounded object-cover sm:block"
                                />
                              ) : (
                                <div className="hidden h-12 w-16 flex-none items-center justify-center rounded bg-slate-100 sm:flex">
                                  <Building2 className="size-5 text-slate-400" aria-hidden="true" />
                                </div>
                              )}
                              <div>
                                <Link
                                  to={`/objekte/${p.id}`}
                                  className="font-medium text-slate-900 hover:underline"
                                >
                                  {p.title}
                                </Link>
                                <div className="text-slate-500">
                                  {p.externalId} · {p.postalCode} {p.city} ·{' '}
                                  {t(`crm:enum.objectType.${p.objectType}`)}{' '}
                                  {p.isDemo ? <Badge>{t('crm:common.demo')}</Badge> : null}
                                </div>
                                <div className="mt-1 sm:hidden">
                                  <Badge tone={STATUS_TONE[p.status]}>
                                    {t(`crm:enum.status.${p.status}`)}
                                  </Badge>
                                </div>
                              </div>
                            </div>
                          </td>
                          <td className="hidden px-5 py-3 sm:table-cell">
                            <Badge tone={STATUS_TONE[p.status]}>{t(`crm:enum.status.${p.status}`)}</Badge>
                          </td>
                          <td className="whitespace-nowrap px-3 py-3 text-right align-top tabular-nums sm:px-5 sm:align-middle">
                            {formatEuro(headlinePrice(p), i18n.language)}
                            {p.marketingType === 'miete' ? (
                              <span className="text-slate-500"> {t('crm:properties.perMonth')}</span>
                            ) : null}
                          </td>
                          <td className="hidden whitespace-nowrap px-5 py-3 text-right tabular-nums md:table-cell">
                            {formatNumber(p.livingArea, i18n.language, 'm²')}
                          </td>
                          <td className="hidden px-5 py-3 text-right tabular-nums md:table-cell">
                            {formatNumber(p.rooms, i18n.language)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination list={data} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </Card>
      <Modal open={saveOpen} title={t('crm:properties.saveFilter')} onClose={() => setSaveOpen(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveFilter.mutate();
          }}
          className="space-y-4"
        >
          <TextField
            label={t('crm:properties.filterName')}
            value={filterName}
            onChange={(e) => setFilterName(e.target.value)}
            required
            maxLength={80}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setSaveOpen(false)}>
              {t('crm:common.cancel')}
            </Button>
            <Button type="submit" loading={saveFilter.isPending} disabled={!filterName.trim()}>
              {t('crm:common.save')}
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
}
