import { Search } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button } from '../../../web/components/button.js';

/**
 * List filters live in the URL, so a filtered list can be bookmarked, shared and restored
 * with the back button. Changing a filter returns to page 1.
 */
export function useUrlFilters(keys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string> = Object.fromEntries(
    keys.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])),
  );
  const page = Number(params.get('page') ?? '1');
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const setPage = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    setParams(next);
  };
  const replaceAll = (values: Record<string, string>) => setParams(new URLSearchParams(values));
  return { filters, page, params, setParams, setFilter, setPage, replaceAll };
}

/** The full-text search box above a list; submits into the `q` filter. */
export function SearchBar({
  value,
  placeholder,
  onSearch,
}: {
  value: string;
  placeholder: string;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  // Follow outside changes (a saved filter, "reset") without fighting the user's typing.
  if (value !== lastValue) {
    setLastValue(value);
    setQ(value);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form onSubmit={submit} className="flex gap-2">
      <label htmlFor={id} className="sr-only">
        {t('crm:common.search')}
      </label>
      <input
        id={id}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={placeholder}
        className="block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand"
      />
      <Button type="submit" icon={<Search className="size-4" />}>
        {t('crm:common.search')}
      </Button>
    </form>
  );
}
