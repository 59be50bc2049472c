import { lazy, Suspense } from 'react';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The owner report belongs to the optional mailings module; its code loads only on its tab.
const OwnerReportTab = lazy(() => import('../../mailings/web/owner-report-tab.js'));

/** Whether the office has the mailings module switched on and the user may see it. */
export function useOwnerReportEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'mailings'));
}

export function OwnerReportSlot(props: { propertyId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <OwnerReportTab {...props} />
    </Suspense>
  );
}
