import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ListPage } from '../../platform/http/page-schema.js';
import { api } from './client.js';

/**
 * A list read page by page through the server's cursors ("Weitere laden"), for lists that grow
 * without bound (timeline, documents, posts). Refetching reloads every page already shown.
 * `data` carries the first page's fields (total, extra fields such as upload limits) with the
 * items of all pages read so far.
 */
export function useListPages<T, P extends ListPage<T> = ListPage<T>>(
  key: readonly unknown[],
  path: string,
  params: Record<string, string> = {},
  options: { refetchInterval?: (items: T[]) => number | false; enabled?: boolean } = {},
) {
  const search = new URLSearchParams(params).toString();
  const query = useInfiniteQuery<P, Error, InfiniteData<P, string | null>, readonly unknown[], string | null>(
    {
      queryKey: [...key, search],
      queryFn: ({ pageParam }) => {
        const withCursor = new URLSearchParams(params);
        if (pageParam) withCursor.set('cursor', pageParam);
        return api<P>(`${path}?${withCursor}`);
      },
      initialPageParam: null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (q) =>
        options.refetchInterval?.(q.state.data?.pages.flatMap((page) => page.items) ?? []) ?? false,
      enabled: options.enabled,
    },
  );
  const data = useMemo(() => {
    const pages = query.data?.pages;
    if (!pages?.[0]) return undefined;
    return { ...pages[0], items: pages.flatMap((page) => page.items) };
  }, [query.data]);
  return {
    data,
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    refetch: query.refetch,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    fetchNextPage: query.fetchNextPage,
  };
}

/**
 * Every item of a bounded list (a calendar month, say), read through its cursors 100 at a time;
 * stops after `maxPages` so a runaway range cannot load an office's whole history.
 */
export async function readAllPages<T>(
  path: string,
  params: Record<string, string>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let read = 0; read < maxPages; read += 1) {
    const query = new URLSearchParams({ ...params, pageSize: '100' });
    if (cursor) query.set('cursor', cursor);
    const page: ListPage<T> = await api<ListPage<T>>(`${path}?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
