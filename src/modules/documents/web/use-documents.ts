import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client.js';
import type { DocumentView } from '../contract.js';
import { isReading } from './format.js';

export interface DocumentList {
  items: DocumentView[];
  uploadLimitBytes: number;
}

/** A document list that refreshes every two seconds while any of its texts is still being read. */
export function useDocuments(query: URLSearchParams) {
  const search = query.toString();
  return useQuery({
    queryKey: ['documents', 'list', search],
    queryFn: () => api<DocumentList>(`/documents${search ? `?${search}` : ''}`),
    refetchInterval: (q) => (q.state.data?.items.some(isReading) ? 2000 : false),
  });
}
