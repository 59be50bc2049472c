import { useSearchParams } from 'react-router';

/**
 * A list page's filters kept in the address (shareable, survive a reload): `setFilter(key, '')`
 * removes one. The history is replaced, so typing in a search box does not fill the back button.
 */
export function useUrlFilters(defaults?: Record<string, string>) {
  const [params, setParams] = useSearchParams(defaults);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { params, setFilter, setParams };
}
