import {
  Combobox,
  ComboboxButton,
  ComboboxInput,
  ComboboxOption,
  ComboboxOptions,
  Field,
  Label,
} from '@headlessui/react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChevronsUpDown } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client.js';

export interface PickedProperty {
  id: string;
  title: string;
  city: string;
  externalId: string;
  status: string;
}

/**
 * The one property picker of every module (composer, AI studio, finance, viewings): type to
 * search title, place or object number; without a search the most recently changed come first.
 */
export function PropertyPicker({
  label,
  value,
  onChange,
  emptyLabel,
  hint,
  required,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (id: string, property: PickedProperty | null) => void;
  /** The choice for "no property"; omitted when one is required. */
  emptyLabel?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim());
  const list = useQuery({
    queryKey: ['crm', 'properties', 'picker', q],
    queryFn: () =>
      api<{ items: PickedProperty[] }>(
        `/crm/properties?${new URLSearchParams({ ...(q ? { q } : {}), pageSize: '30', sort: 'updatedAt', order: 'desc' })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const selected = useQuery({
    queryKey: ['crm', 'property', value, 'picked'],
    queryFn: () => api<PickedProperty>(`/crm/properties/${value}`),
    enabled: Boolean(value) && !list.data?.items.some((p) => p.id === value),
  });
  const current = list.data?.items.find((p) => p.id === value) ?? (value ? selected.data : null) ?? null;
  const options = list.data?.items ?? [];
  const titleOf = (p: PickedProperty) => `${p.title} · ${p.city}`;
  return (
    <Field disabled={disabled}>
      <Label className="block text-sm font-medium text-slate-700">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-600">
            {' *'}
          </span>
        ) : null}
      </Label>
      <Combobox
        value={current}
        onChange={(p: PickedProperty | null) => onChange(p?.id ?? '', p)}
        onClose={() => setQuery('')}
        by="id"
        immediate
      >
        <div className="relative mt-1.5">
          <ComboboxInput
            className="block w-full rounded-lg border-0 py-2 pr-9 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand disabled:bg-slate-50"
            displayValue={(p: PickedProperty | null) => (p ? titleOf(p) : '')}
            placeholder={emptyLabel ?? t('crm:picker.placeholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ComboboxButton
            className="absolute inset-y-0 right-0 flex items-center px-2"
            aria-label={t('crm:picker.open')}
          >
            <ChevronsUpDown className="size-4 text-slate-400" aria-hidden="true" />
          </ComboboxButton>
        </div>
        <ComboboxOptions
          anchor="bottom start"
          // Not modal: the search field stays usable and readable while the list is open.
          modal={false}
          className="z-50 mt-1 max-h-72 w-(--input-width) overflow-auto rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200 empty:invisible"
        >
          {emptyLabel ? (
            <ComboboxOption
              value={null}
              className="cursor-pointer px-3 py-2 text-slate-500 data-focus:bg-slate-100"
            >
              {emptyLabel}
            </ComboboxOption>
          ) : null}
          {options.map((p) => (
            <ComboboxOption
              key={p.id}
              value={p}
              data-testid="property-option"
              data-property-id={p.id}
              className="cursor-pointer px-3 py-2 data-focus:bg-slate-100"
            >
              <span className="block truncate font-medium text-slate-900">{p.title}</span>
              <span className="block truncate text-xs text-slate-500">
                {p.city} · {p.externalId} · {t(`crm:enum.status.${p.status}`, { defaultValue: p.status })}
              </span>
            </ComboboxOption>
          ))}
          {options.length === 0 && !list.isFetching ? (
            <div className="px-3 py-2 text-slate-500">{t('crm:picker.none')}</div>
          ) : null}
        </ComboboxOptions>
      </Combobox>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </Field>
  );
}
