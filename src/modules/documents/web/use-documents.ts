import type { ListPage } from '../../../platform/http/page-schema.js';
import { useListPages } from '../../../web/api/use-list-pages.js';
import type { DocumentView } from '../contract.js';
import { isReading } from './format.js';

export type DocumentList = ListPage<DocumentView> & { uploadLimitBytes: number };

/** A document list, read page by page, that refreshes every two seconds while any text is still being read. */
export function useDocuments(params: Record<string, string>, pageSize = 50) {
  return useListPages<DocumentView, DocumentList>(
    ['documents', 'list'],
    '/documents',
    { ...params, pageSize: String(pageSize) },
    { refetchInterval: (items) => (items.some(isReading) ? 2000 : false) },
  );
}
