import { lazy, Suspense } from 'react';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The documents module is optional; its code loads only where a folder is shown.
const DocumentFolder = lazy(() => import('../../documents/web/document-folder.js'));

/** Whether the office has the documents module switched on and the user may read documents. */
export function useDocumentsEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'documents'));
}

export function DocumentsSlot(props: { propertyId: string } | { contactId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <DocumentFolder {...props} />
    </Suspense>
  );
}
