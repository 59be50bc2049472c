import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { api } from '../../../web/api/client.js';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The viewings module is optional; its code loads only where a viewing's visitors or figures are shown.
const Extras = lazy(() => import('../../viewings/web/viewing-extras.js'));
const Stats = lazy(() => import('../../viewings/web/property-viewing-stats.js'));
const Busy = lazy(() => import('../../viewings/web/busy-warning.js'));

/** Whether the office has the viewings module switched on and the user may see it. */
export function useViewingsEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'viewings'));
}

/** The office's default viewing length; 45 minutes without the viewings module. */
export function useViewingDuration(): number {
  const enabled = useViewingsEnabled();
  const settings = useQuery({
    queryKey: ['viewings', 'settings'],
    queryFn: () => api<{ durationMinutes: number }>('/viewings/settings'),
    enabled,
    staleTime: 5 * 60_000,
  });
  return settings.data?.durationMinutes ?? 45;
}

export function ViewingExtrasSlot(props: { viewingId: string; startsAt: string; canWrite: boolean }) {
  return (
    <Suspense fallback={<Spinner />}>
      <Extras {...props} />
    </Suspense>
  );
}

export function ViewingStatsSlot(props: { propertyId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <Stats {...props} />
    </Suspense>
  );
}

/** A warning when the agent's connected calendar is busy at the chosen time (nothing without the module). */
export function BusyWarningSlot(props: { agentId: string; startsAt: string; endsAt: string }) {
  const enabled = useViewingsEnabled();
  if (!enabled) return null;
  return (
    <Suspense fallback={null}>
      <Busy {...props} />
    </Suspense>
  );
}
