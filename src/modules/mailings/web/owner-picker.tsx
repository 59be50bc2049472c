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

export interface PickedOwner {
  id: string;
  name: string;
  email: string | null;
}

interface ContactItem {
  id: string;
  displayName: string;
  email: string | null;
  city: string | null;
}

/** Picks the listing's owner from the CRM: contacts with the role "Eigentümer" unless widened. */
export function OwnerPicker({
  value,
  onChange,
  disabled,
}: {
  value: PickedOwner | null;
  onChange: (owner: PickedOwner | null) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [onlyOwners, setOnlyOwners] = useState(true);
  const q = useDeferredValue(query.trim());
  const list = useQuery({
    queryKey: ['crm', 'contacts', 'owner-picker', q, onlyOwners],
    queryFn: () =>
      api<{ items: ContactItem[] }>(
        `/crm/contacts?${new URLSearchParams({
          ...(q ? { q } : {}),
          ...(onlyOwners ? { role: 'eigentuemer' } : {}),
          pageSize: '20',
          sort: 'lastName',
          order: 'asc',
        })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const options = list.data?.items ?? [];
  return (
    <div className="space-y-2">
      <Field disabled={disabled}>
        <Label className="block text-sm font-medium text-slate-700">{t('mailings:ownerReport.owner')}</Label>
        <Combobox
          value={value}
          onChange={(c: PickedOwner | null) => onChange(c)}
          onClose={() => setQuery('')}
          by="id"
          immediate
        >
          <div className="relative mt-1.5">
            <ComboboxInput
              className="block w-full rounded-lg border-0 py-2 pr-9 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand disabled:bg-slate-50"
              displayValue={(c: PickedOwner | null) =>
                c ? `${c.name}${c.email ? ` · ${c.email}` : ''}` : ''
              }
              placeholder={t('mailings:ownerReport.ownerPlaceholder')}
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
            modal={false}
            className="z-50 mt-1 max-h-72 w-(--input-width) overflow-auto rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200 empty:invisible"
          >
            {options.map((c) => (
              <ComboboxOption
                key={c.id}
                value={{ id: c.id, name: c.displayName, email: c.email }}
                data-testid="owner-option"
                className="cursor-pointer px-3 py-2 data-focus:bg-slate-100"
              >
                <span className="block truncate font-medium text-slate-900">{c.displayName}</span>
                <span className="block truncate text-xs text-slate-500">
                  {[c.email ?? t('mailings:ownerReport.ownerNoEmail'), c.city].filter(Boolean).join(' · ')}
                </span>
              </ComboboxOption>
            ))}
            {options.length === 0 && !list.isFetching ? (
              <div className="px-3 py-2 text-slate-500">{t('mailings:ownerReport.ownerNone')}</div>
            ) : null}
          </ComboboxOptions>
        </Combobox>
        <p className="mt-1 text-xs text-slate-500">{t('mailings:ownerReport.ownerHint')}</p>
      </Field>
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300"
          checked={onlyOwners}
          disabled={disabled}
          onChange={(e) => setOnlyOwners(e.target.checked)}
        />
        {t('mailings:ownerReport.ownerOnlyRole')}
      </label>
    </div>
  );
}
