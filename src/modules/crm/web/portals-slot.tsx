import { lazy, Suspense } from 'react';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The portals module is optional; its code loads only where a listing's portals are shown.
const PropertyPortals = lazy(() => import('../../portals/web/property-portals.js'));

/** Whether the office has the portals module switched on and the user may see it. */
export function usePortalsEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'portals'));
}

export function PortalsSlot(props: { propertyId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <PropertyPortals {...props} />
    </Suspense>
  );
}
