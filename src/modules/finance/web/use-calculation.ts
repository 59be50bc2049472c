import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../web/api/client.js';

/**
 * Recalculates on the server a moment after the form stops changing, keeping the last result on
 * screen meanwhile. `input` is null while the form cannot be sent (a field is not a number).
 */
export function useCalculation<T>(path: string, input: object | null) {
  const key = input === null ? null : JSON.stringify(input);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(key), 250);
    return () => clearTimeout(timer);
  }, [key]);
  return useQuery({
    queryKey: ['finance', path, debounced],
    queryFn: ({ signal }) =>
      api<T>(`/finance${path}`, { method: 'POST', body: JSON.parse(debounced as string), signal }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
