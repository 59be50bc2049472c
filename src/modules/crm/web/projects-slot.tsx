import { lazy, Suspense } from 'react';
import { useMe } from '../../../web/api/session.js';
import { Spinner } from '../../../web/components/spinner.js';

// The projects module is optional; its code loads only where a record's projects are shown.
const RecordProjects = lazy(() => import('../../projects/web/property-projects.js'));

/** Whether the office has the projects module switched on and the user may see projects. */
export function useProjectsEnabled(): boolean {
  const me = useMe().data;
  return Boolean(me?.nav.some((entry) => entry.module === 'projects'));
}

export function ProjectsSlot(props: { propertyId: string } | { contactId: string }) {
  return (
    <Suspense fallback={<Spinner />}>
      <RecordProjects {...props} />
    </Suspense>
  );
}
